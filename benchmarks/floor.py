"""The isolation floor: a scan's visits with a scan's isolation, recording nothing.

One browser launch (on a persistent profile, as the scan launches it); a fresh context per
site and per consent state; a new tab per visit, closed after it; every page loaded to
``networkidle`` (at most a scan's settle bound after ``load``); ``--states-at-once`` contexts
and ``--concurrency`` pages at once across the whole run, as ``cookiescan scan`` schedules them.
The sites come from a JSON file of ``{"site": [url, ...]}``. Run by benchmarks/multi_site.py as
a process of its own, like a scan:

    python benchmarks/floor.py urls.json --concurrency 4 --resolve '*.test=127.0.0.1:8443'
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import tempfile
from pathlib import Path

from playwright.async_api import Browser, TimeoutError, async_playwright

from scanner.crawl.browser.launch import context_args, launch_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.options import BrowserOptions

STATES = 3
SETTLE_MS = 2000  # networkidle is waited for as long as a scan's settle bound (--settle)


async def floor(
    sites: dict[str, list[str]],
    options: BrowserOptions,
    concurrency: int,
    states_at_once: int,
    rounds: int = STATES,
) -> int:
    """Visit every URL of every site once per state (``rounds`` states); the visits made."""
    pages = asyncio.Semaphore(concurrency)
    states = asyncio.Semaphore(states_at_once)
    async with async_playwright() as playwright:
        with tempfile.TemporaryDirectory() as profile:
            default = await launch_profile(playwright, options, Path(profile))
            for tab in default.pages:
                await tab.close()
            browser = default.browser
            assert browser is not None  # a persistent launch has its browser
            jobs = [
                _state(browser, options, urls, pages, states)
                for urls in sites.values()
                for _ in range(rounds)
            ]
            visits = sum(await asyncio.gather(*jobs))
            await default.close()
    return visits


async def _state(
    browser: Browser,
    options: BrowserOptions,
    urls: list[str],
    pages: asyncio.Semaphore,
    states: asyncio.Semaphore,
) -> int:
    """One (site, state): a fresh context, its pages at once as slots allow, a tab each."""
    async with states:
        context = await browser.new_context(**context_args(options))

        async def visit(url: str) -> None:
            async with pages:
                tab = await context.new_page()
                await tab.goto(url, wait_until="load")
                with contextlib.suppress(TimeoutError):  # a page that never idles (busy)
                    await tab.wait_for_load_state("networkidle", timeout=SETTLE_MS)
                await tab.close()

        await visit(urls[0])  # the landing page first, as a scan does
        await asyncio.gather(*(visit(url) for url in urls[1:]))
        await context.close()
    return len(urls)


def main() -> None:
    """Parse the arguments, run the floor, print the number of visits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", type=Path, help='JSON: {"site": [url, ...]}')
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--states-at-once", type=int, default=3)
    parser.add_argument("--resolve", action="append", default=[])
    args = parser.parse_args()
    sites = json.loads(args.urls.read_text("utf-8"))
    options = BrowserOptions(
        find_browser(None, None).path,
        resolve=tuple(args.resolve),
        ignore_https_errors=True,
    )
    print(asyncio.run(floor(sites, options, args.concurrency, args.states_at_once)))


if __name__ == "__main__":
    main()
