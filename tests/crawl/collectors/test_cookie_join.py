"""Joining cookie writes to jar entries, and the crawl frontier's bounds (no browser)."""

from __future__ import annotations

import asyncio

from scanner.crawl.collectors.cookies.join import one_per_phase, write_matches
from scanner.crawl.collectors.cookies.setcookie import CookieWrite
from scanner.crawl.collectors.cookies.writes import SeenWrite
from scanner.crawl.navigation.frontier import Frontier
from scanner.crawl.navigation.links import LinkPolicy
from scanner.crawl.options import CrawlSettings
from scanner.model import Phase, SetBy


def write(name: str, domain: str, path: str | None = "/", deletion: bool = False) -> CookieWrite:
    return CookieWrite(name, domain, path, 60, "Max-Age=60", deletion)


def jar(name: str, domain: str, path: str = "/") -> dict[str, str]:
    return {"name": name, "domain": domain, "path": path}


def test_domain_cookie_matches_only_its_domain_attribute() -> None:
    assert write_matches(write("a", "shop.test"), jar("a", ".shop.test"))
    assert not write_matches(write("a", "www.shop.test"), jar("a", ".shop.test"))


def test_host_only_cookie_matches_the_setting_host() -> None:
    assert write_matches(write("a", "www.shop.test"), jar("a", "www.shop.test"))
    assert not write_matches(write("a", "shop.test"), jar("a", "www.shop.test"))


def test_name_path_and_deletions() -> None:
    assert not write_matches(write("b", "x.test"), jar("a", "x.test"))
    assert not write_matches(write("a", "x.test", "/cart"), jar("a", "x.test", "/"))
    assert write_matches(write("a", "x.test", None), jar("a", "x.test", "/deep"))
    assert not write_matches(write("a", "x.test", deletion=True), jar("a", "x.test"))


def test_one_record_per_phase_keeps_the_last_write() -> None:
    writes = [
        SeenWrite(write("a", "x.test"), SetBy.SCRIPT, f"https://x.test/{i}.js", float(i))
        for i in range(5)
    ]
    chosen = one_per_phase(
        writes, lambda at: Phase.AFTER_CONSENT if at >= 3 else Phase.BEFORE_CONSENT
    )
    assert sorted(w.setter_url for w in chosen) == ["https://x.test/2.js", "https://x.test/4.js"]


def test_frontier_bounds_depth_pages_and_site() -> None:
    async def run() -> list[tuple[str, int]]:
        policy = LinkPolicy(frozenset({"shop.test"}))
        frontier = Frontier(policy, CrawlSettings(max_pages=3, depth=1))
        frontier.add("https://www.shop.test/", 0, seed=True)
        frontier.add("https://www.shop.test/#top", 1)
        frontier.add("https://other.test/", 1)
        frontier.add("https://www.shop.test/deep", 2)
        for path in ("/a", "/b", "/c"):
            frontier.add("https://www.shop.test" + path, 1)
        return [frontier.queue.get_nowait() for _ in range(frontier.queue.qsize())]

    assert asyncio.run(run()) == [
        ("https://www.shop.test/", 0),
        ("https://www.shop.test/a", 1),
        ("https://www.shop.test/b", 1),
    ]
