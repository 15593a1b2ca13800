"""Getting a browser: the one flow `cookiescan browser --install` and `cookiescan setup` run."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from scanner.crawl.browser.install import (
    HOW_TO_GET_ONE,
    BrowserCheck,
    check_browser,
    install_browser,
)
from scanner.crawl.options import BrowserOptions
from scanner.crawl.visit.session import CrawlPlan, probe_browser
from scanner.errors import CookiescanError, ExitCode
from scanner.model import BrowserProfile, ConsentState, Observation, StateResult, Tell
from scanner.report.text.profile import NO_TELLS, UNKNOWN_TELLS, profile_summary, tell_text
from scanner.report.text.safe_text import clean


def get_browser(
    browser_path: str | None, install: bool, say: Callable[[str], None]
) -> BrowserCheck:
    """The browser a scan would use; with ``install``, get one first when none is found."""
    if install:
        return install_browser(lambda: check_browser(browser_path), say=say)
    return check_browser(browser_path)


def advise_if_missing(found: BrowserCheck) -> int:
    """Print how to get a browser when none was found: exit 3; else 0."""
    if found.location is None:
        print(HOW_TO_GET_ONE, flush=True)
        return int(ExitCode.SCAN_FAILED)
    return int(ExitCode.CLEAN)


def probe_lines(browser_path: str | None, headless: bool, endpoint: str = "") -> list[str]:
    """Launch the browser a scan would use (or reach ``endpoint``), probe the visitor it
    presents, and say what a report's metadata would: the profile and the tells left."""
    options = BrowserOptions(headless=headless, endpoint=endpoint)
    plan = CrawlPlan((), (), browser=options, browser_path=browser_path)
    try:
        profile, tells = asyncio.run(probe_browser(plan, _Quiet()))
    except CookiescanError as exc:
        return [f"profile: not read ({exc})"]
    lines = [f"profile: {profile_summary(profile)}"]
    if profile.error:
        return [*lines, f"tells a site could still use: {UNKNOWN_TELLS}"]
    lines.append(f"tells a site could still use: {len(tells) or NO_TELLS}")
    lines.extend(f"  {tell_text(t)}" for t in tells)
    return [clean(line, 2000) for line in lines]  # a remote browser's answers, made inert


class _Quiet:
    """The probe's crawl events: the browser is already named above."""

    def browser_found(self, description: str) -> None:
        """Already said."""

    def browser_profiled(self, profile: BrowserProfile, tells: tuple[Tell, ...]) -> None:
        """Said by probe_lines."""

    def state_started(self, state: ConsentState) -> None:
        """No states."""

    def page_done(self, observation: Observation) -> None:
        """No pages."""

    def state_done(self, result: StateResult) -> None:
        """No states."""
