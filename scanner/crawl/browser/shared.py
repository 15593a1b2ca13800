"""One local Chromium shared by the states (and sites) of a run, each state a fresh context.

Every state gets its own ``new_context()``: an off-the-record profile with its own empty
cookie jar, storage, cache and service workers, isolated from every other context. It keeps
third-party cookies as a default Chrome user does because the browser is launched on a
persistent profile whose preferences allow them, and off-the-record profiles inherit those
preferences (a plain ``launch()`` blocks third-party cookies in every new context). One
launch instead of one per state saves the launch time and the memory of two more browsers.
The browser is launched on first use and launched again, on a new profile, after it dies.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Error, Playwright

from scanner.crawl.browser.bounds import CLOSE_CONTEXT_S
from scanner.crawl.browser.launch import context_args, launch_key, launch_profile
from scanner.crawl.browser.profiles import new_profile, remove_profile
from scanner.crawl.options import BrowserOptions


class SharedBrowser:
    """A browser launched on demand; ``new_context`` hands out fresh visitor profiles."""

    def __init__(self, playwright: Playwright, options: BrowserOptions) -> None:
        self.playwright = playwright
        self.options = options
        self.launches = 0
        self._lock = asyncio.Lock()
        self._default: BrowserContext | None = None
        self._browser: Browser | None = None
        self._profile: Path | None = None

    async def new_context(self, options: BrowserOptions) -> BrowserContext:
        """A fresh context for one state, with ``options``' visitor settings."""
        browser = await self._running()
        try:
            context = await browser.new_context(**context_args(options))
        except Error:
            if browser.is_connected():
                raise
            browser = await self._running()  # it died just now: launch it again, once
            context = await browser.new_context(**context_args(options))
        if options.storage_state:  # a signed-in visitor (--storage-state)
            await context.set_storage_state(options.storage_state)
        return context

    async def _running(self) -> Browser:
        """The browser, launched now if it is not running (first use, or after a death)."""
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                await self._discard()
                self._profile = new_profile()
                self._default = await launch_profile(self.playwright, self.options, self._profile)
                # The launch's blank tab: a renderer spared. A headed browser keeps it: closing
                # its last window would end it.
                for page in self._default.pages if self.options.headless else ():
                    with contextlib.suppress(Error):
                        await page.close()
                browser = self._default.browser
                if browser is None:  # Playwright gives a persistent launch its browser
                    raise Error("the launched browser has no handle for new contexts")
                self._browser = browser
                self.launches += 1
            return self._browser

    async def close(self) -> None:
        """Close the browser (bounded wait) and delete its profile folder."""
        async with self._lock:
            await self._discard()

    async def _discard(self) -> None:
        default, self._default, self._browser = self._default, None, None
        if default is not None:
            with contextlib.suppress(Error, TimeoutError):
                await asyncio.wait_for(default.close(), CLOSE_CONTEXT_S)
        if self._profile is not None:
            remove_profile(self._profile)
            self._profile = None


class SharedBrowsers:
    """The run's browsers, one per distinct launch (flags, executable, cookie blocking)."""

    def __init__(self, playwright: Playwright) -> None:
        self.playwright = playwright
        self._browsers: dict[tuple[object, ...], SharedBrowser] = {}

    def for_options(self, options: BrowserOptions) -> SharedBrowser:
        """The browser that states with ``options`` share (made on first ask)."""
        key = launch_key(options)
        if key not in self._browsers:
            self._browsers[key] = SharedBrowser(self.playwright, options)
        return self._browsers[key]

    async def close(self) -> None:
        """Close every browser of the run."""
        browsers, self._browsers = list(self._browsers.values()), {}
        for browser in browsers:
            await browser.close()
