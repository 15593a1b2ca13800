"""One consent state's browser: a fresh context of the run's browser, watched for death, made
afresh on demand (the browser relaunched first if it died)."""

from __future__ import annotations

import asyncio
import contextlib

from playwright.async_api import BrowserContext, Error, Page

from scanner.crawl.guards import install_guards
from scanner.crawl.options import BrowserOptions
from scanner.crawl.recorder import StateRecorder
from scanner.crawl.remote import RemoteSlot, remote_profile
from scanner.crawl.shared_browser import SharedBrowsers
from scanner.crawl.trace import start_trace, stop_trace

CLOSE_WAIT_S = 15.0


class StateBrowser:
    """Opens a fresh profile; ``dead`` is set when it goes away on its own (browser death)."""

    def __init__(
        self,
        browsers: SharedBrowsers,
        options: BrowserOptions,
        recorder: StateRecorder,
        remote: tuple[RemoteSlot, tuple[str, ...]] | None = None,
    ) -> None:
        self.browsers = browsers
        # --browser-endpoint: the remote browser's default context, wiped and proven clean
        # (remote.py), instead of a local launch on a new profile.
        self.remote = remote
        self._remote_stack: contextlib.AsyncExitStack | None = None
        self.options = options
        self.recorder = recorder
        self.dead = asyncio.Event()
        self.death: str = ""
        self.crashed: set[Page] = set()
        self._context: BrowserContext | None = None
        self._closing = False
        self._initial: Page | None = None
        self.launches = 0

    @property
    def context(self) -> BrowserContext:
        """The running browser's context (only between ``start`` and ``close``)."""
        if self._context is None:
            raise RuntimeError("the state's browser is not running")
        return self._context

    async def start(self) -> BrowserContext:
        """Open a new, empty profile (a context), recorder and guards attached."""
        self.dead, self.death, self._closing = asyncio.Event(), "", False
        context = await self._open()
        self._context = context
        self._initial = context.pages[0] if context.pages else None
        context.on("close", self._on_close)
        context.on("page", self._watch)
        for page in context.pages:
            self._watch(page)
        await start_trace(context, self.options.trace_dir)
        await install_guards(context)
        await self.recorder.attach(context)
        self.launches += 1
        return context

    async def _open(self) -> BrowserContext:
        """A fresh profile: a new context of the local browser, or the remote one made clean."""
        if self.remote is None:
            return await self.browsers.for_options(self.options).new_context(self.options)
        slot, seeds = self.remote
        self._remote_stack = contextlib.AsyncExitStack()
        profile = remote_profile(self.browsers.playwright, self.options.endpoint, slot, seeds)
        return await self._remote_stack.enter_async_context(profile)

    async def restart(self) -> BrowserContext:
        """Close what is left of the profile and start afresh (on a relaunched browser if the
        browser died)."""
        await self.close()
        return await self.start()

    def mark_dead(self, reason: str) -> None:
        """Note that the browser died (first reason wins)."""
        if not self._closing:
            self.death = self.death or reason
            self.dead.set()

    def take_initial_page(self) -> Page | None:
        """The tab the browser opened at launch, handed out once per launch."""
        page, self._initial = self._initial, None
        return page if page is not None and not page.is_closed() else None

    async def new_page(self) -> Page:
        """A new tab in the running browser."""
        return await self.context.new_page()

    async def close(self) -> None:
        """Close the context (bounded wait); the browser stays for the run's other states."""
        self._closing = True
        context, self._context = self._context, None
        if context is not None:
            name = self.recorder.state.value + (f"-{self.launches}" if self.launches > 1 else "")
            with contextlib.suppress(TimeoutError):
                trace = stop_trace(context, self.options.trace_dir, name)
                await asyncio.wait_for(trace, CLOSE_WAIT_S)
            if self._remote_stack is not None:  # wiped and released, not closed
                stack, self._remote_stack = self._remote_stack, None
                with contextlib.suppress(Error, TimeoutError):
                    await asyncio.wait_for(stack.aclose(), CLOSE_WAIT_S)
            else:
                with contextlib.suppress(Error, TimeoutError):
                    await asyncio.wait_for(context.close(), CLOSE_WAIT_S)
        self.crashed.clear()

    def _on_close(self, _context: BrowserContext) -> None:
        self.mark_dead("the browser closed unexpectedly (crashed or was killed)")

    def _watch(self, page: Page) -> None:
        page.on("crash", self._on_crash)

    def _on_crash(self, page: Page) -> None:
        self.crashed.add(page)
