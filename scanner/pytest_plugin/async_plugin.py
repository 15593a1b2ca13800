"""The plugin's fixtures for async suites (pytest-playwright-asyncio with pytest-asyncio).

Registered by ``plugin.pytest_configure`` only when pytest-playwright-asyncio is the run's
Playwright plugin, over the sync fixtures of the same names: ``cookie_audit`` yields an
``AsyncCookieAudit`` recording the test's async context directly (no bridge), and
``cookiescan_context`` is an async persistent context. Options, the marker, the plan, the
failure message and the reports are the sync plugin's.

The fixtures run on pytest-asyncio's session loop, like pytest-playwright-asyncio's own
(``loop_scope="session"``); the tests must too (``asyncio_default_test_loop_scope = session``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import BrowserContext, BrowserType

from scanner.crawl.browser.launch import QUIET_ARGS, write_profile
from scanner.model import Declarations
from scanner.pytest_plugin.async_audit import AsyncCookieAudit
from scanner.pytest_plugin.plugin import _CHECK, _plan, _reported, _wants_report


@pytest_asyncio.fixture(loop_scope="session")
async def cookiescan_context(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    browser_context_args: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[BrowserContext]:
    """A fresh persistent profile that stores third-party cookies (see the sync fixture)."""
    profile = tmp_path_factory.mktemp("cookiescan-profile")
    write_profile(profile, block_third_party_cookies=False)
    launch = dict(browser_type_launch_args)
    launch["args"] = [*launch.get("args", QUIET_ARGS)]
    context = await browser_type.launch_persistent_context(
        str(profile), **launch, **browser_context_args
    )
    yield context
    await context.close()


@pytest_asyncio.fixture(loop_scope="session")
async def cookie_audit(
    request: pytest.FixtureRequest,
    context: BrowserContext,
    output_path: str,
    cookiescan_declarations: Declarations,
) -> AsyncIterator[AsyncCookieAudit]:
    """Records what the test's async context does (cookies, storage, requests) and judges it."""
    audit = AsyncCookieAudit(context, _plan(request, cookiescan_declarations))
    await audit.start()
    loop = asyncio.get_running_loop()  # the session loop: idle again once the test body returns
    request.node.stash[_CHECK] = lambda: loop.run_until_complete(audit.assert_compliant())
    yield audit
    if _wants_report(request):
        _reported(request, await audit.write_report(Path(output_path)))
    else:
        await audit.finish()  # judged even unreported, so the recording stops with the test
