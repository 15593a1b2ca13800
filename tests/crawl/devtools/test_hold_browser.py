"""A dedicated worker is held at its start until the scanner is ready, and never for long."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Request, async_playwright

from scanner.crawl.browser.launch import launch_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.devtools import hold
from scanner.crawl.devtools.hold import StartHold
from scanner.crawl.options import BrowserOptions
from scanner.demo.server import LocalSite

pytestmark = pytest.mark.browser
SITE = Path(__file__).parents[2] / "sites" / "workers"
FIRST = "from=dedicated&started=1"  # fp-worker.js sends it as its first line runs


def _first_request_after_attach(release: bool) -> float:
    """Seconds from the worker's attach to its first request, with the hold on."""

    async def run() -> float:
        with LocalSite(SITE) as site, tempfile.TemporaryDirectory() as profile:
            async with async_playwright() as pw:
                path = find_browser(None, pw.chromium.executable_path).path
                options = BrowserOptions(path, resolve=site.resolve_rules, ignore_https_errors=True)
                context = await launch_profile(pw, options, Path(profile))
                page = await context.new_page()
                session = await context.new_cdp_session(page)
                started = StartHold(session)
                attached: dict[str, float] = {}
                sent: asyncio.Future[float] = asyncio.get_running_loop().create_future()

                def on_attached(event: dict[str, Any]) -> None:
                    info = event["targetInfo"]
                    if info["url"].endswith("/fp-worker.js"):
                        attached["at"] = time.monotonic()
                        if release:
                            started.ready(info["targetId"])

                def on_request(request: Request) -> None:
                    if FIRST in request.url and not sent.done():
                        sent.set_result(time.monotonic())

                session.on("Target.attachedToTarget", on_attached)
                context.on("request", on_request)
                await started.start(filter=[{"type": "worker"}])
                await page.goto(site.url("www.workershop.test", "/"))
                at = await asyncio.wait_for(sent, 20)
                await context.close()
                return at - attached["at"]

    return asyncio.run(run())


def test_a_worker_nobody_releases_runs_after_the_hold_at_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(hold, "HOLD_S", 1.5)
    waited = _first_request_after_attach(release=False)
    assert 1.4 <= waited < 10, waited  # held (unheld, it is a few milliseconds), then let go


def test_a_worker_runs_as_soon_as_the_scanner_is_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hold, "HOLD_S", 60.0)
    assert _first_request_after_attach(release=True) < 10
