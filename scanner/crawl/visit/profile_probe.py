"""Read the visitor a scan's browser presents, once, in a fresh profile of its own, before any
state starts: what a site's scripts could read in a page, a cross-site iframe and a worker.

The probe's pages are served by the browser itself (``page.route``) on made-up ``.invalid``
origins, and its worker is made from a blob: nothing reaches the network or the scanned site.
Its profile comes from the same source as a state's (a new context of the run's browser, or
the remote browser's default context, wiped after) with the scan's options and identity, and
is given back before the states start, so no recorded evidence changes.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace
from importlib import resources
from typing import Any

from playwright.async_api import BrowserContext, Error, Page, Route

from scanner.crawl.browser.guards import install_guards
from scanner.crawl.browser.identity import visitor_identity
from scanner.crawl.browser.sources import BrowserSource
from scanner.crawl.browser.tells import browser_profile, remaining_tells, unprobed_profile
from scanner.crawl.devtools.targets import PageTargets, Target
from scanner.crawl.options import BrowserOptions, public_endpoint
from scanner.crawl.visit.probe_cache import cache_key, keep, read_cached
from scanner.errors import first_line
from scanner.model import BrowserProfile, Tell

PROBE_S = 20.0  # the whole probe, launch of a remote profile included
PAGE_URL = "https://visitor.cookiescan.invalid/"
FRAME_URL = "https://frame.cookiescan-probe.invalid/"
PROBE_JS = resources.files("scanner.crawl.visit").joinpath("profile_probe.js").read_text("utf-8")
_PAGE = "<!doctype html><title>cookiescan probe</title><body></body>"
_FRAME = f"<!doctype html><body><script>({PROBE_JS})('frame')</script></body>"

PROBE_BINDING = "__cookiescanProbe"
Probed = tuple[BrowserProfile, tuple[Tell, ...]]


class _Unheard:
    """The probe records nothing: DevTools events of its targets are dropped."""

    def on_network_event(
        self, page: Page, method: str, event: dict[str, Any], target: Target | None
    ) -> None:
        """Dropped."""

    def on_worker_call(self, page: Page, target: Target, payload: str) -> None:
        """Dropped."""


def where_of(options: BrowserOptions) -> str:
    """``local``, or ``remote ENDPOINT`` without credentials."""
    return f"remote {public_endpoint(options.endpoint)}" if options.endpoint else "local"


async def probe_profile(
    source: BrowserSource, options: BrowserOptions, afresh: bool = False
) -> Probed:
    """The profile the browser presents with ``options`` and the tells that remain: read
    now, or kept from an earlier run with the same browser and options (probe_cache.py; never
    when ``afresh``).

    A probe that fails or takes longer than PROBE_S gives what the scan asked for, with the
    reason, and no tells (none could be read).
    """
    where = where_of(options)
    key = cache_key(options)
    readings = None if afresh or key is None else read_cached(key)
    if readings is None:
        try:
            readings = await asyncio.wait_for(_read(source, options), PROBE_S)
        except (Error, TimeoutError) as exc:
            why = first_line(exc) if isinstance(exc, Error) else f"no answer within {PROBE_S:.0f} s"
            return unprobed_profile(options, where, f"the probe failed: {why}"), ()
        if key is not None:
            keep(key, readings)
    return browser_profile(readings, where), remaining_tells(readings)


async def _read(source: BrowserSource, options: BrowserOptions) -> dict[str, Any]:
    """Open a fresh profile like a state's, read it, give it back."""
    quiet = replace(options, har_dir=None, har_path=None, trace_dir=None, storage_state=None)
    context = await source.open(quiet)
    try:
        return await _read_in(context, quiet)
    finally:
        with contextlib.suppress(Error):
            await source.release(context)


async def _read_in(context: BrowserContext, options: BrowserOptions) -> dict[str, Any]:
    """The readings of a page, its iframe and its worker, with the scan's guards and identity."""
    await install_guards(context)
    # Every scan's recorder exposes bindings (collectors): so does the probe, to read its traces.
    await context.expose_binding(PROBE_BINDING, _ignore)
    page = await context.new_page()
    try:
        frame_commands, worker_commands = visitor_identity(options)
        targets = PageTargets(context, page, _Unheard(), worker_commands, frame_commands)
        await targets.attach()
        await page.route("**/*", _serve)
        await page.goto(PAGE_URL)
        readings: dict[str, Any] = await page.evaluate(PROBE_JS, FRAME_URL)
        readings["browser_ua"] = await _browser_user_agent(context, page)
        return readings
    finally:
        with contextlib.suppress(Error):
            await page.close()


def _ignore(*_args: Any) -> None:
    """The probe's binding is never called."""


async def _serve(route: Route) -> None:
    """The probe's page and iframe; anything else is refused (nothing reaches the network)."""
    url = route.request.url
    if url == PAGE_URL:
        await route.fulfill(body=_PAGE, content_type="text/html")
    elif url == FRAME_URL:
        await route.fulfill(body=_FRAME, content_type="text/html")
    else:
        await route.abort()


async def _browser_user_agent(context: BrowserContext, page: Page) -> str:
    """The browser's own user agent, before the scan's (it says ``HeadlessChrome`` when
    headless, new headless mode included, whose product name does not)."""
    session = await context.new_cdp_session(page)
    try:
        version: dict[str, Any] = await session.send("Browser.getVersion")
        return str(version.get("userAgent", ""))
    finally:
        with contextlib.suppress(Error):
            await session.detach()
