"""Browser fixtures for the report tests: pytest-playwright with the system Chromium.

pytest-playwright's sync fixtures keep an event loop running while they live, and other
browser tests call ``asyncio.run``; so here the Playwright chain is module-scoped and stops
when the report browser module ends.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserType, Playwright, sync_playwright

from scanner.crawl.browser import QUIET_ARGS
from scanner.crawl.locate import find_browser


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """Launch the Chromium cookiescan itself would use (no Playwright download here)."""
    executable = find_browser(None, None).path
    return {"executable_path": executable, "args": ["--no-sandbox", *QUIET_ARGS]}


@pytest.fixture(scope="module")
def playwright() -> Generator[Playwright, None, None]:
    """Playwright for one test module only (its event loop must not outlive the module)."""
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser_type(playwright: Playwright) -> BrowserType:
    """Chromium."""
    return playwright.chromium


@pytest.fixture(scope="module")
def launch_browser(
    browser_type_launch_args: dict[str, Any], browser_type: BrowserType
) -> Callable[..., Browser]:
    """Launch with the arguments above."""

    def launch(**kwargs: Any) -> Browser:
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="module")
def browser(launch_browser: Callable[..., Browser]) -> Generator[Browser, None, None]:
    """One browser for the module."""
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def browser_context_args() -> dict[str, Any]:
    """A laptop-sized window."""
    return {"viewport": {"width": 1280, "height": 800}}
