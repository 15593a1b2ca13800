"""One shared pool for a whole run: the Playwright driver, page slots and browser slots."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from playwright.async_api import Playwright, async_playwright

from scanner.crawl.remote import RemoteSlot


@dataclass(frozen=True, slots=True)
class CrawlPool:
    """Limits shared by every state (and every site) of a run.

    ``pages``: how many pages are being visited at once in the whole run (--concurrency).
    ``browsers``: how many fresh profiles (one browser process each) run at once.
    ``remote``: the remote browser of --browser-endpoint, one state at a time.
    """

    playwright: Playwright
    pages: asyncio.Semaphore
    browsers: asyncio.Semaphore
    remote: RemoteSlot = field(default_factory=RemoteSlot)


@asynccontextmanager
async def open_pool(pages: int, browsers: int) -> AsyncIterator[CrawlPool]:
    """Start the Playwright driver once and share ``pages`` and ``browsers`` slots."""
    async with async_playwright() as playwright:
        yield CrawlPool(
            playwright, asyncio.Semaphore(max(pages, 1)), asyncio.Semaphore(max(browsers, 1))
        )
