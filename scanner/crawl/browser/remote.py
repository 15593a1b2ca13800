"""A running Chrome over CDP (a fleet node): its default context, wiped and proven clean per state.

A context made with ``new_context()`` on a remote browser is incognito-like and blocks
third-party cookies, so a state uses the browser's default (regular-profile) context instead:
before each state every cookie, the cache and the storage of every origin this run has touched
(and of the origins about to be scanned) is cleared, then checked empty; the scan is refused
(``ScanError``, exit 3) when it is not. States on one remote browser run one after another.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, CDPSession, Error, Playwright

from scanner.crawl.options import public_endpoint
from scanner.errors import ScanError, first_line


@dataclass(slots=True)
class RemoteSlot:
    """One remote browser shared by a run: a lock (one state at a time) and touched origins."""

    endpoint: str = ""
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    origins: set[str] = field(default_factory=set)


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


async def connect(playwright: Playwright, endpoint: str) -> Browser:
    """Connect over CDP; a ``ScanError`` naming the endpoint (without credentials) on failure."""
    try:
        return await playwright.chromium.connect_over_cdp(endpoint, timeout=30_000)
    except Error as exc:
        raise ScanError(
            f"cannot connect to the browser at {public_endpoint(endpoint)}: {first_line(exc)}"
        ) from exc


async def remote_version(playwright: Playwright, endpoint: str) -> str:
    """The remote browser's version, e.g. '156.0.8078.73'."""
    browser = await connect(playwright, endpoint)
    try:
        return browser.version
    finally:
        with contextlib.suppress(Error):
            await browser.close()


@asynccontextmanager
async def remote_profile(
    playwright: Playwright, endpoint: str, slot: RemoteSlot, seeds: tuple[str, ...]
) -> AsyncIterator[BrowserContext]:
    """The remote browser's default context, proven clean, for one state (then wiped again)."""
    async with slot.lock:
        slot.endpoint = endpoint
        browser = await connect(playwright, endpoint)
        try:
            if not browser.contexts:
                raise ScanError(
                    f"the browser at {public_endpoint(endpoint)} has no default context "
                    "(regular profile); cannot scan with third-party cookies as Chrome keeps them"
                )
            context = browser.contexts[0]
            slot.origins.update(o for o in map(origin_of, seeds) if o)
            await _close_pages(context)
            await wipe(browser, context, slot.origins)
            await verify_clean(browser, context, slot, seeds)
            context.on("request", lambda request: _touch(slot, request.url))
            yield context
            await _close_pages(context)
            await wipe(browser, context, slot.origins)
        finally:
            with contextlib.suppress(Error):
                await browser.close()


def _touch(slot: RemoteSlot, url: str) -> None:
    origin = origin_of(url)
    if origin:
        slot.origins.add(origin)


async def _close_pages(context: BrowserContext) -> None:
    """Leave one blank tab (closing the last one may end a headless browser)."""
    keep = await context.new_page()
    for page in context.pages:
        if page is not keep:
            with contextlib.suppress(Error):
                await page.close()
    await keep.goto("about:blank")


async def wipe(browser: Browser, context: BrowserContext, origins: set[str]) -> None:
    """Clear every cookie, the HTTP cache, and all storage of ``origins``."""
    cdp = await browser.new_browser_cdp_session()
    page = await _page_session(context)
    try:
        await cdp.send("Storage.clearCookies")
        await page.send("Network.clearBrowserCache")
        await page.send("Network.clearBrowserCookies")
        for origin in sorted(origins):
            await page.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        await context.clear_cookies()
    finally:
        await _detach(cdp, page)


async def verify_clean(
    browser: Browser, context: BrowserContext, slot: RemoteSlot, seeds: tuple[str, ...]
) -> None:
    """Prove no cookie at all and no stored data for the touched origins; ``ScanError`` if not.

    The origins about to be scanned are also opened with a stand-in page served by the browser
    itself (no request reaches the site) to read their localStorage and IndexedDB.
    """
    cdp = await browser.new_browser_cdp_session()
    page = await _page_session(context)
    try:
        left = (await cdp.send("Storage.getCookies")).get("cookies", [])
        used = [o for o in sorted(slot.origins) if await _quota_used(page, o)]
    finally:
        await _detach(cdp, page)
    scanned = sorted({o for o in map(origin_of, seeds) if o})
    used += [o for o in scanned if o not in used and await _storage_seen(context, o)]
    if left or used:
        where = ", ".join(filter(None, [f"{len(left)} cookie(s)" if left else "", " ".join(used)]))
        raise ScanError(
            f"the browser at {public_endpoint(slot.endpoint)} could not be proven clean before "
            f"a state ({where} left after wiping); refusing to scan"
        )


async def _quota_used(page: CDPSession, origin: str) -> bool:
    """Whether ``origin`` still uses quota-managed storage (IndexedDB, caches, workers)."""
    usage: dict[str, Any] = await page.send("Storage.getUsageAndQuota", {"origin": origin})
    return bool(usage.get("usage", 0) > 0)


async def _storage_seen(context: BrowserContext, origin: str) -> bool:
    """Open ``origin`` with a blank stand-in page and look for storage and cookies there."""
    page = await context.new_page()
    try:
        await page.route("**/*", lambda route: route.fulfill(body="<!doctype html>", status=200))
        await page.goto(origin + "/")
        seen: bool = await page.evaluate(_PROBE)
        return seen
    finally:
        with contextlib.suppress(Error):
            await page.close()


_PROBE = """async () => localStorage.length > 0 || sessionStorage.length > 0 ||
  document.cookie !== '' ||
  (indexedDB.databases ? (await indexedDB.databases()).length > 0 : false)"""


async def _page_session(context: BrowserContext) -> CDPSession:
    page = context.pages[0] if context.pages else await context.new_page()
    return await context.new_cdp_session(page)


async def _detach(*sessions: CDPSession) -> None:
    for session in sessions:
        with contextlib.suppress(Error):
            await session.detach()
