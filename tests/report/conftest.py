"""Browser fixtures for the report tests: pytest-playwright with the system Chromium.

pytest-playwright's sync fixtures keep an event loop running while they live, and other
browser tests call ``asyncio.run``; so here the Playwright chain is module-scoped and stops
when the report browser module ends.
"""

from __future__ import annotations

from typing import Any

import pytest
from module_playwright import browser, browser_type, launch_browser, playwright

from scanner.crawl.browser.launch import QUIET_ARGS
from scanner.crawl.browser.locate import find_browser

__all__ = ["browser", "browser_type", "launch_browser", "playwright"]  # fixtures, module-scoped


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """Launch the Chromium cookiescan itself would use (no Playwright download here)."""
    executable = find_browser(None, None).path
    return {"executable_path": executable, "args": ["--no-sandbox", *QUIET_ARGS]}


@pytest.fixture(scope="module")
def browser_context_args() -> dict[str, Any]:
    """A laptop-sized window."""
    return {"viewport": {"width": 1280, "height": 800}}
