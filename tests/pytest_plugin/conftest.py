"""The plugin's tests: pytest-playwright's browser chain scoped to a module (see
module_playwright), so the CLI tests' ``asyncio.run`` never meets a running loop; audits are
judged against the login shop's declared list (a team keeps theirs in the rootdir)."""

from __future__ import annotations

from typing import Any

import pytest
from login_site import LOGIN_ROOT
from module_playwright import browser, browser_type, launch_browser, playwright

from scanner.declared import load_declarations
from scanner.model import Declarations

__all__ = ["browser", "browser_type", "launch_browser", "playwright"]
# An async team's folder: run only in a pytest of its own (test_plugin_async.py), under
# pytest-playwright-asyncio, which this suite's sync run cannot load beside pytest-playwright.
collect_ignore = ["asyncio_team"]


@pytest.fixture(scope="session")
def cookiescan_declarations() -> Declarations:
    """The login shop's expected_cookies.yaml."""
    return load_declarations(LOGIN_ROOT / "expected_cookies.yaml")


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    """The fixture sites' test certificates are not trusted by the browser (and pytest-playwright's
    default of this fixture needs a session-long Playwright)."""
    return {"ignore_https_errors": True}
