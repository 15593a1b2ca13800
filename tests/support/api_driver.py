"""Open fixture pages in real Chromium with the instrumentation, collecting what it reports."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext, Request, async_playwright

from scanner.crawl.book.outgoing import Outgoing, outgoing
from scanner.crawl.browser.launch import launch_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.collectors.api_calls import API_BINDING, API_SCRIPT, ApiCall, api_call_of
from scanner.crawl.collectors.keystrokes.marker import find_marker
from scanner.crawl.collectors.keystrokes.type_marker import type_marker
from scanner.crawl.options import BrowserOptions
from scanner.demo.server import LocalSite
from scanner.knowledge.domains import host_of


@dataclass(slots=True)
class Seen:
    """What one page visit reported: API calls, requests sent and the field typed into."""

    calls: list[ApiCall] = field(default_factory=list)
    sent: list[Outgoing] = field(default_factory=list)
    typed_into: str | None = None


async def visit(
    site: LocalSite, url: str, until: str = "true", marker: str = "", sent_to: str = ""
) -> Seen:
    """Load ``url`` and wait until ``until`` is true in the page.

    With a ``marker``, type it into the first field, then wait for a request to ``sent_to``
    that carries it (or, without ``sent_to``, for the network to go quiet).
    """
    seen = Seen()
    first = host_of(url)

    def on_call(source: dict[str, Any], *args: object) -> None:
        seen.calls.append(api_call_of(*args))

    def on_request(request: Request) -> None:
        host = host_of(request.url)
        data, headers = request.post_data_buffer, request.headers
        third = host != first
        seen.sent.append(
            outgoing(request.url, host, request.method, data, headers, third, time.time(), None)
        )

    async with async_playwright() as pw:
        path = find_browser(None, pw.chromium.executable_path).path
        options = BrowserOptions(path, resolve=site.resolve_rules, ignore_https_errors=True)
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
            context = await launch_profile(pw, options, Path(profile))
            try:
                await _run(context, seen, url, until, marker, sent_to, on_call, on_request)
            finally:
                await context.close()
    return seen


async def _run(
    context: BrowserContext,
    seen: Seen,
    url: str,
    until: str,
    marker: str,
    sent_to: str,
    on_call: Callable[..., None],
    on_request: Callable[[Request], None],
) -> None:
    await context.expose_binding(API_BINDING, on_call)
    await context.add_init_script(script=API_SCRIPT)
    context.on("request", on_request)
    page = await context.new_page()
    await page.goto(url, wait_until="load")
    if marker and sent_to:
        async with page.expect_request(lambda r: _carries(r, sent_to, marker)):
            seen.typed_into = await type_marker(page, marker)
    elif marker:
        seen.typed_into = await type_marker(page, marker)
        await page.wait_for_load_state("networkidle")
    await page.wait_for_function(until)
    await page.evaluate("new Promise((done) => setTimeout(done, 0))")


def _carries(request: Request, url: str, marker: str) -> bool:
    """Whether ``request`` goes to ``url`` with ``marker`` in its body, in any encoding."""
    data, headers = request.post_data_buffer, request.headers
    sent = outgoing(request.url, "", "", data, headers, True, 0.0, None)
    return request.url == url and bool(find_marker([sent], marker))
