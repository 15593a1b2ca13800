"""One shared pool for a whole run: the Playwright driver, its browsers, page and state slots."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Playwright

from scanner.crawl.browser.driver import start_driver
from scanner.crawl.browser.remote import RemoteSlot
from scanner.crawl.browser.shared import SharedBrowsers


@dataclass(frozen=True, slots=True)
class CrawlPool:
    """Limits and browsers shared by every state (and every site) of a run.

    ``pages``: how many pages are being visited at once in the whole run (--concurrency).
    ``states``: how many states (a fresh context each) run at once.
    ``browsers``: the local browsers the states' contexts are made in.
    ``remote``: the remote browser of --browser-endpoint, one state at a time.
    ``probes``: the visitor probes of the run by the options they were made with, so sites
    scanned with the same browser options share one (visit.profile_probe).
    """

    playwright: Playwright
    pages: asyncio.Semaphore
    states: asyncio.Semaphore
    browsers: SharedBrowsers
    remote: RemoteSlot = field(default_factory=RemoteSlot)
    probes: dict[object, asyncio.Task[Any]] = field(default_factory=dict)


@asynccontextmanager
async def open_pool(pages: int, states: int) -> AsyncIterator[CrawlPool]:
    """Start the Playwright driver once and share ``pages`` and ``states`` slots and browsers."""
    async with start_driver() as playwright:
        browsers = SharedBrowsers(playwright)
        pool = CrawlPool(
            playwright,
            asyncio.Semaphore(max(pages, 1)),
            asyncio.Semaphore(max(states, 1)),
            browsers,
        )
        try:
            yield pool
        finally:
            for probe in pool.probes.values():
                probe.cancel()  # an interrupted run leaves none behind
            await asyncio.gather(*pool.probes.values(), return_exceptions=True)
            await browsers.close()
