"""Drive the consent engine on one page of a local fixture site, in one real Chromium profile."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

from playwright.async_api import BrowserContext, Page, Playwright, async_playwright

from scanner.consent.engine import ConsentEngine
from scanner.crawl.browser.launch import launch_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.options import BrowserOptions
from scanner.demo.server import LocalSite
from scanner.model import ConsentEvidence, ConsentState

T = TypeVar("T")


class EngineDriver:
    """One event loop and one browser profile, shared by the tests of a module."""

    def __init__(self, site: LocalSite) -> None:
        self.site = site
        self.loop = asyncio.new_event_loop()
        self.playwright: Playwright | None = None
        self.context: BrowserContext | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="cookiescan-test-profile-")

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the driver's loop."""
        return self.loop.run_until_complete(coro)

    async def start(self) -> None:
        """Launch the browser with the site's host rules."""
        self.playwright = await async_playwright().start()
        location = find_browser(None, self.playwright.chromium.executable_path)
        options = BrowserOptions(
            executable=location.path, resolve=self.site.resolve_rules, ignore_https_errors=True
        )
        self.context = await launch_profile(self.playwright, options, Path(self._tmp.name))

    async def stop(self) -> None:
        """Close the browser."""
        if self.context is not None:
            with contextlib.suppress(Exception):
                await self.context.close()
        if self.playwright is not None:
            await self.playwright.stop()

    async def open(
        self, host: str, path: str = "/", requests: list[tuple[float, str]] | None = None
    ) -> Page:
        """A fresh page on ``host`` with no cookies from earlier tests (requests logged)."""
        assert self.context is not None
        await self.context.clear_cookies()
        page = await self.context.new_page()
        if requests is not None:
            page.on("request", lambda r: requests.append((time.time(), r.url)))
        await page.goto(self.site.url(host, path), wait_until="load")
        return page

    async def apply(
        self, engine: ConsentEngine, host: str, state: ConsentState, path: str = "/"
    ) -> ConsentEvidence:
        """Open ``host``, apply ``state`` and verify it, as the crawler does."""
        requests: list[tuple[float, str]] = []
        page = await self.open(host, path, requests)
        try:
            evidence = await engine.apply(page, state)
            await asyncio.sleep(0.5)
            return await engine.verify(page, evidence, requests)
        finally:
            await page.close()


@contextlib.contextmanager
def engine_driver(site: LocalSite) -> Iterator[EngineDriver]:
    """An ``EngineDriver`` for ``site``, closed afterwards."""
    driver = EngineDriver(site)
    driver.run(driver.start())
    try:
        yield driver
    finally:
        driver.run(driver.stop())
        driver.loop.close()
        driver._tmp.cleanup()
