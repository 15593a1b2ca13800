"""The crawl frontier: breadth-first, deduplicated, bounded by depth, page count and site."""

from __future__ import annotations

import asyncio

from scanner.crawl.navigation.links import LinkPolicy, normalize_url
from scanner.crawl.options import CrawlSettings


class Frontier:
    """Breadth-first, deduplicated queue of pages bounded by depth and page count."""

    def __init__(self, policy: LinkPolicy, settings: CrawlSettings) -> None:
        self.policy = policy
        self.settings = settings
        self.queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        self.seen: set[str] = set()

    def add(self, url: str, depth: int, seed: bool = False) -> None:
        """Queue ``url`` unless malformed, seen, too deep, off-site, or over the page budget."""
        try:
            url = normalize_url(url)
        except ValueError:
            return
        if url in self.seen or len(self.seen) >= self.settings.max_pages:
            return
        if not seed and (depth > self.settings.depth or not self.policy.follows(url)):
            return
        self.seen.add(url)
        self.queue.put_nowait((url, depth))
