"""The plugin against the bundled demo shop: its host names, its declared list, a profile
that stores third-party cookies."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from scanner.declared import load_declarations
from scanner.demo.server import LocalSite
from scanner.model import Declarations


@pytest.fixture(scope="session")
def browser_type_launch_args(
    cookiescan_launch_args: dict[str, Any], demo_site: LocalSite
) -> dict[str, Any]:
    """The scan's Chromium, sending the demo's host names to its local server."""
    args = [
        *cookiescan_launch_args["args"],
        f"--host-resolver-rules={demo_site.chromium_host_rules}",
    ]
    return {**cookiescan_launch_args, "args": args}


@pytest.fixture
def context(cookiescan_context: BrowserContext) -> BrowserContext:
    """Third-party cookies stored, as in a scan."""
    return cookiescan_context


@pytest.fixture(scope="session")
def cookiescan_declarations(demo_site: LocalSite) -> Declarations:
    """The demo shop's expected_cookies.yaml."""
    return load_declarations(demo_site.root / "expected_cookies.yaml")
