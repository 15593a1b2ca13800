"""The isolation floor: a scan's visits with a scan's isolation, recording nothing.

One browser launch (on a persistent profile, as the scan launches it); a fresh context per
site and per consent state; a new tab per visit, closed after it; every page loaded to
``networkidle`` (at most a scan's settle bound after ``load``); ``--states-at-once`` contexts
and ``--concurrency`` pages at once across the whole run, as ``cookiescan scan`` schedules them.
The sites come from a JSON file of ``{"site": [url, ...]}``. With ``--visitor``, each visit also
takes the scan's visitor steps (the scanner's own pointer, scroll and key, with its plans for a
landing and another page), then waits for ``networkidle`` again as long as the scan waits for
what they loaded: the floor of a scan with its visitor (no dwell: knowing which timers are due
needs the scan's hooks). Run by benchmarks/multi_site.py as a process of its own, like a scan:

    python benchmarks/floor.py urls.json --concurrency 4 --resolve '*.test=127.0.0.1:8443'
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import tempfile
from pathlib import Path

from playwright.async_api import Browser, Page, TimeoutError, async_playwright

from scanner.crawl.browser.launch import context_args, launch_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.collectors.visitor import collector as visitor
from scanner.crawl.collectors.visitor.interact import (
    ScrollPlan,
    move_pointer,
    press_key,
    scroll_back,
    scroll_down,
)
from scanner.crawl.options import BrowserOptions

STATES = 3
SETTLE_MS = 2000  # networkidle is waited for as long as a scan's settle bound (--settle)


async def floor(
    sites: dict[str, list[str]],
    options: BrowserOptions,
    concurrency: int,
    states_at_once: int,
    rounds: int = STATES,
    steps: bool = False,
) -> int:
    """Visit every URL of every site once per state (``rounds`` states), with the visitor's
    ``steps`` or not; the visits made."""
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
                _state(browser, options, urls, pages, states, steps)
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
    steps: bool,
) -> int:
    """One (site, state): a fresh context, its pages at once as slots allow, a tab each."""
    async with states:
        context = await browser.new_context(**context_args(options))

        async def visit(url: str, landing: bool) -> None:
            async with pages:
                tab = await context.new_page()
                await tab.goto(url, wait_until="load")
                await _idle(tab, SETTLE_MS)
                if steps:
                    await _visitor_steps(tab, landing)
                await tab.close()

        await visit(urls[0], True)  # the landing page first, as a scan does
        await asyncio.gather(*(visit(url, False) for url in urls[1:]))
        await context.close()
    return len(urls)


async def _idle(tab: Page, timeout_ms: float) -> None:
    with contextlib.suppress(TimeoutError):  # a page that never idles (busy)
        await tab.wait_for_load_state("networkidle", timeout=timeout_ms)


async def _visitor_steps(tab: Page, landing: bool) -> None:
    """The scan's visitor on ``tab`` (collectors/visitor: pointer, scroll down and back, key),
    then what they loaded, as long as the scan waits for it."""
    plan: ScrollPlan = visitor.LANDING_SCROLL if landing else visitor.OTHER_SCROLL
    await move_pointer(tab)
    await scroll_down(tab, plan)
    await scroll_back(tab, plan)
    await press_key(tab)
    quiet = visitor.LANDING_QUIET_S if landing else visitor.OTHER_QUIET_S
    await _idle(tab, quiet * 1000)


def main() -> None:
    """Parse the arguments, run the floor, print the number of visits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", type=Path, help='JSON: {"site": [url, ...]}')
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--states-at-once", type=int, default=3)
    parser.add_argument("--resolve", action="append", default=[])
    parser.add_argument("--visitor", action="store_true", help="take the visitor's steps")
    args = parser.parse_args()
    sites = json.loads(args.urls.read_text("utf-8"))
    options = BrowserOptions(
        find_browser(None, None).path,
        resolve=tuple(args.resolve),
        ignore_https_errors=True,
    )
    at_once = args.states_at_once
    print(asyncio.run(floor(sites, options, args.concurrency, at_once, steps=args.visitor)))


if __name__ == "__main__":
    main()
