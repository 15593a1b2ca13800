"""One consent state's browser: a fresh profile from its source, watched for death, made afresh
on demand (the browser relaunched first if it died)."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from playwright.async_api import BrowserContext, Error, Page

from scanner.crawl.browser.bounds import CLOSE_CONTEXT_S
from scanner.crawl.browser.gpc_signal import send_gpc
from scanner.crawl.browser.guards import install_guards
from scanner.crawl.browser.har import RAW_SUFFIX, seal_har
from scanner.crawl.browser.sources import BrowserSource
from scanner.crawl.browser.trace import start_trace, stop_trace
from scanner.crawl.options import BrowserOptions


class ContextWatcher(Protocol):
    """Told of each fresh context, to attach its recording (record.recorder)."""

    async def attach(self, context: BrowserContext) -> None:
        """Attach to ``context`` before any page loads."""
        ...


class StateBrowser:
    """Opens a fresh profile; ``dead`` is set when it goes away on its own (browser death)."""

    def __init__(
        self,
        source: BrowserSource,
        options: BrowserOptions,
        watcher: ContextWatcher,
        name: str,
        sends_gpc: bool = False,
        digest_key: bytes = b"",
    ) -> None:
        self.source = source
        self.options = options
        self.watcher = watcher
        self.name = name  # the state, for the trace file
        self.sends_gpc = sends_gpc
        self.dead = asyncio.Event()
        self.death: str = ""
        self.crashed: set[Page] = set()
        self._context: BrowserContext | None = None
        self._closing = False
        self._initial: Page | None = None
        self.launches = 0
        self.digest_key = digest_key  # seals the HAR of each context (--evidence)
        self._har: Path | None = None

    @property
    def context(self) -> BrowserContext:
        """The running browser's context (only between ``start`` and ``close``)."""
        if self._context is None:
            raise RuntimeError("the state's browser is not running")
        return self._context

    async def start(self) -> BrowserContext:
        """Open a new, empty profile (a context), guards and recording attached."""
        self.dead, self.death, self._closing = asyncio.Event(), "", False
        context = await self.source.open(self._with_har())
        self._context = context
        self._initial = context.pages[0] if context.pages else None
        context.on("close", self._on_close)
        context.on("page", self._watch)
        for page in context.pages:
            self._watch(page)
        await start_trace(context, self.options.trace_dir)
        await install_guards(context)
        await self.watcher.attach(context)
        if self.sends_gpc:
            await send_gpc(context)
        self.launches += 1
        return context

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
        """Give the profile back to its source (bounded wait)."""
        self._closing = True
        context, self._context = self._context, None
        if context is not None:
            name = self.name + (f"-{self.launches}" if self.launches > 1 else "")
            with contextlib.suppress(TimeoutError):
                trace = stop_trace(context, self.options.trace_dir, name)
                await asyncio.wait_for(trace, CLOSE_CONTEXT_S)
            jar = await self._jar_values(context)
            with contextlib.suppress(Error, TimeoutError):
                await asyncio.wait_for(self.source.release(context), CLOSE_CONTEXT_S)
            self._seal(jar)
        self.crashed.clear()

    def _with_har(self) -> BrowserOptions:
        """The options of the next context: with a HAR path of its own under --evidence."""
        har_dir = self.options.har_dir
        if not har_dir:
            self._har = None
            return self.options
        name = self.name + (f"-{self.launches + 1}" if self.launches else "")
        self._har = Path(har_dir) / f"{name}{RAW_SUFFIX}"
        return replace(self.options, har_path=str(self._har))

    async def _jar_values(self, context: BrowserContext) -> list[str]:
        """The cookie values in the jar, to be digested wherever the HAR shows them."""
        if self._har is None:
            return []
        with contextlib.suppress(Error, TimeoutError):
            jar = await asyncio.wait_for(context.cookies(), CLOSE_CONTEXT_S)
            return [str(c.get("value", "")) for c in jar]
        return []

    def _seal(self, jar: list[str]) -> None:
        """Digest every cookie and secret value of the HAR the closed context wrote."""
        if self._har is not None and self._har.is_file():
            seal_har(self._har, self.digest_key, jar)  # raw log removed, sealed one written

    def _on_close(self, _context: BrowserContext) -> None:
        self.mark_dead("the browser closed unexpectedly (crashed or was killed)")

    def _watch(self, page: Page) -> None:
        page.on("crash", self._on_crash)

    def _on_crash(self, page: Page) -> None:
        self.crashed.add(page)
