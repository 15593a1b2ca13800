"""The timers collector: an init script that knows the page's pending one-shot timers and idle
callbacks (timers.js), read by the dwell (book.quiet.dwell) to wait for late tags by evidence."""

from __future__ import annotations

from importlib import resources
from typing import Any

from playwright.async_api import BrowserContext, Error, Page

from scanner.crawl.book.quiet import DueTimers
from scanner.crawl.collectors.base import Collector

TIMERS_SCRIPT = (
    resources.files("scanner.crawl.collectors.visitor").joinpath("timers.js").read_text("utf-8")
)
READ = "(h) => { const f = window.__cookiescanTimers; return f ? f(h) : null; }"


class TimersCollector(Collector):
    """Installs the timer hook in every page; tells which timers are due within a horizon."""

    name = "timers"

    async def attach(self, context: BrowserContext) -> None:
        """The timer hook in every frame."""
        await context.add_init_script(script=TIMERS_SCRIPT)

    async def due(self, page: Page, horizon_s: float) -> DueTimers:
        """The seconds until the next pending timer due within ``horizon_s`` (None: none) and
        how many are due only later; nothing when the page cannot be read."""
        try:
            found: Any = await page.main_frame.evaluate(READ, max(0.0, horizon_s) * 1000)
        except Error:
            return DueTimers(None, 0)
        if not isinstance(found, dict):
            return DueTimers(None, 0)
        nxt, later = found.get("next"), found.get("later")
        seconds = float(nxt) / 1000 if isinstance(nxt, int | float) else None
        return DueTimers(seconds, int(later) if isinstance(later, int | float) else 0)
