"""What one page visit ended with, what a Playwright error during it means, and its tab's end."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from playwright.async_api import Error, Page

from scanner.crawl.browser.bounds import CLOSE_PAGE_S
from scanner.crawl.browser.state_context import StateBrowser
from scanner.crawl.browser.watchdog import close_page
from scanner.model import Dwell, FailureKind, SkippedUrl


@dataclass(slots=True)
class VisitOutcome:
    """What a visit produced beyond its records."""

    final_url: str | None = None
    status: int | None = None
    title: str = ""
    error: str | None = None
    failure: FailureKind | None = None
    links: tuple[str, ...] = ()
    waited_settle: float = 0.0
    waited_banner: float = 0.0
    dwell: Dwell | None = None
    skipped: tuple[SkippedUrl, ...] = field(default_factory=tuple)

    def fail(self, kind: FailureKind, error: str) -> None:
        """Record why the page failed (the first failure wins)."""
        if self.error is None or self.failure is None:
            self.failure, self.error = kind, self.error or error


async def leave_tab(browser: StateBrowser, page: Page, reuse: bool) -> None:
    """End the page's timers and reloads: about:blank for a tab to be reused, else closed (a
    stuck page is always closed, never reused)."""
    if reuse and not page.is_closed():
        try:
            await asyncio.wait_for(page.goto("about:blank"), CLOSE_PAGE_S)
            return
        except (Error, TimeoutError):
            pass
    if not page.is_closed():
        await close_page(browser.context, page)


def failure_kind(exc: Error, browser: StateBrowser, page: Page) -> FailureKind:
    """What a Playwright error during a visit means."""
    text = str(exc).lower()
    if browser.dead.is_set():
        return FailureKind.BROWSER_DIED
    if page in browser.crashed or "crash" in text or page.is_closed():
        return FailureKind.CRASHED
    if "timeout" in text:
        return FailureKind.TIMEOUT
    if "invalid url" in text:
        return FailureKind.INVALID_URL
    return FailureKind.NAVIGATION
