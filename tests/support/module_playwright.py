"""pytest-playwright's browser chain, module-scoped: its event loop must not outlive a module
(other browser tests in the same session call ``asyncio.run``). Import these into a conftest."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserType, Playwright, sync_playwright


@pytest.fixture(scope="module")
def playwright() -> Generator[Playwright, None, None]:
    """Playwright for one test module only."""
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
    """Launch with ``browser_type_launch_args``."""

    def launch(**kwargs: Any) -> Browser:
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="module")
def browser(launch_browser: Callable[..., Browser]) -> Generator[Browser, None, None]:
    """One browser for the module."""
    browser = launch_browser()
    yield browser
    browser.close()
