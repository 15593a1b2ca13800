"""An async team's conftest.py (pytest-playwright-asyncio): the system Chromium, the site's host
names (SITE_HOST_RULES, set by the test that runs this folder), third-party cookies stored."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.async_api import BrowserContext


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], cookiescan_launch_args: dict[str, Any]
) -> dict[str, Any]:
    """The Chromium a scan would use, its switches, and the site's host names."""
    rules = os.environ["SITE_HOST_RULES"]
    args = [*cookiescan_launch_args["args"], f"--host-resolver-rules={rules}"]
    return {**browser_type_launch_args, **cookiescan_launch_args, "args": args}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    """The site's test certificate is not trusted by the browser."""
    return {"ignore_https_errors": True}


@pytest.fixture
def context(cookiescan_context: BrowserContext) -> BrowserContext:
    """Third-party cookies stored as for a default Chrome user (and as in a scan)."""
    return cookiescan_context
