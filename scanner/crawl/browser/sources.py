"""Where a state's fresh profile comes from: a new context of the run's local browser, or the
remote browser's default context wiped and proven clean (``--browser-endpoint``)."""

from __future__ import annotations

import contextlib
from typing import Protocol

from playwright.async_api import BrowserContext, Error

from scanner.crawl.browser.remote import RemoteSlot, remote_profile
from scanner.crawl.browser.shared import SharedBrowsers
from scanner.crawl.options import BrowserOptions


class BrowserSource(Protocol):
    """Hands out a fresh profile for one state and takes it back."""

    async def open(self, options: BrowserOptions) -> BrowserContext:
        """A fresh, empty profile with ``options``' visitor settings."""
        ...

    async def release(self, context: BrowserContext) -> None:
        """The state is done with ``context`` (closed, or wiped for the next state)."""
        ...


class LocalSource:
    """A new context of the run's local browser (launched on first use, again after a death)."""

    def __init__(self, browsers: SharedBrowsers) -> None:
        self.browsers = browsers

    async def open(self, options: BrowserOptions) -> BrowserContext:
        """A new context: an off-the-record profile of its own."""
        return await self.browsers.for_options(options).new_context(options)

    async def release(self, context: BrowserContext) -> None:
        """Close the context; the browser stays for the run's other states."""
        await context.close()


class RemoteSource:
    """The remote browser's default context, wiped and proven clean, one state at a time."""

    def __init__(self, browsers: SharedBrowsers, slot: RemoteSlot, seeds: tuple[str, ...]) -> None:
        self.playwright = browsers.playwright
        self.slot = slot
        self.seeds = seeds
        self._stack: contextlib.AsyncExitStack | None = None

    async def open(self, options: BrowserOptions) -> BrowserContext:
        """The default context of the browser at ``options.endpoint``, proven clean."""
        self._stack = contextlib.AsyncExitStack()
        profile = remote_profile(self.playwright, options.endpoint, self.slot, self.seeds)
        return await self._stack.enter_async_context(profile)

    async def release(self, context: BrowserContext) -> None:
        """Wipe the profile again and let the next state have the browser (not closed)."""
        stack, self._stack = self._stack, None
        if stack is not None:
            with contextlib.suppress(Error):
                await stack.aclose()
