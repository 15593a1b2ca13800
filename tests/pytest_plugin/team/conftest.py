"""A team's conftest.py for cookie assertions: the system Chromium, the shop, third-party cookies.

Self-contained on purpose (the plugin's own tests run this folder again with pytester): when
LOGINSHOP_HOST_RULES is set, the shop is already served there; otherwise it is started here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

os.environ.setdefault("LOGINSHOP_USER", "alice")
os.environ.setdefault("LOGINSHOP_PASSWORD", "correct-horse-battery")


@pytest.fixture(scope="session")
def shop_host_rules() -> Iterator[str]:
    """Chromium host resolver rules sending the shop's host names to its local server."""
    rules = os.environ.get("LOGINSHOP_HOST_RULES")
    if rules:
        yield rules
        return
    from login_site import LoginSite

    with LoginSite(gated=True) as site:
        yield site.chromium_host_rules


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    cookiescan_launch_args: dict[str, Any],
    shop_host_rules: str,
) -> dict[str, Any]:
    """The Chromium a scan would use, its switches, and the shop's host names."""
    args = [*cookiescan_launch_args["args"], f"--host-resolver-rules={shop_host_rules}"]
    return {**browser_type_launch_args, **cookiescan_launch_args, "args": args}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    """The shop's test certificate is not trusted by the browser."""
    return {"ignore_https_errors": True}


@pytest.fixture
def context(cookiescan_context: BrowserContext) -> BrowserContext:
    """Third-party cookies stored as for a default Chrome user (and as in a scan)."""
    return cookiescan_context
