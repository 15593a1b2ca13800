"""The beacon collector: requests a page sends as it is left (sendBeacon, keepalive fetch).

Analytics libraries send their last events on ``visibilitychange`` (hidden) / ``pagehide``.
Sent during a real navigation they reach the server but neither Playwright nor the page's
DevTools session reports them (Chromium 156). So every page, the last one of a state too, is
left as when the visitor switches away: the document reports itself hidden and both events
fire in every frame while it is still alive, and what it sends is seen. (Navigating to
``about:blank`` afterwards would show nothing more and costs a renderer process per page.)
Requests of the page in that window are beacons; DevTools ``Ping`` requests Playwright did
not report are kept too.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import time
from collections.abc import Iterable
from typing import Any

from playwright.async_api import Error, Page

from scanner.crawl.book.outgoing import MAX_BODY
from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import PING, Beacon, Visit
from scanner.crawl.collectors.base import Collector
from scanner.crawl.devtools.targets import Target

LEAVE_WAIT_S = 2.0
QUIET_S = 0.1
HIDE_SCRIPT = """() => {
  for (const [name, value] of [["visibilityState", "hidden"], ["hidden", true]]) {
    try { Object.defineProperty(document, name, { configurable: true, get: () => value }); }
    catch (e) { /* a page that locked the property keeps it */ }
  }
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false }));
}"""
POLL_S = 0.05
KEEPALIVE_TYPES = frozenset({"Fetch", "XHR", "Other", PING})


class BeaconsCollector(Collector):
    """Beacons of each page by DevTools request id; each page is left as a visitor leaves it."""

    name = "beacons"

    def __init__(self, book: StateBook) -> None:
        self._book = book
        self.by_page: dict[Page, dict[str, Beacon]] = {}

    @property
    def leaving(self) -> set[Page]:
        """The pages being left now."""
        return self._book.visits.leaving

    def on_devtools(
        self, page: Page, method: str, params: dict[str, Any], target: Target | None
    ) -> None:
        """Pings any time, and requests sent while the page is left."""
        if method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            self.request(page, params, self._book.initiator(url))
        elif method == "Network.responseReceived":
            self.response(page, params)
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            self.finished(page, params, method == "Network.loadingFailed")

    async def collect(self, page: Page, visit: Visit, live: bool) -> None:
        """Leave the visited page as a visitor does (its leave handlers run) and keep what it
        sent then."""
        if live and visit.owned:
            visit.beacons.extend(await self.leave(page, visit.holding))

    def request(self, page: Page, event: dict[str, Any], initiator: str | None) -> None:
        """A request about to be sent: kept when a ping, or sent while ``page`` is left."""
        kind = str(event.get("type", ""))
        request = event.get("request", {})
        url = str(request.get("url", ""))
        if not url.startswith(("http://", "https://")):
            return
        if kind != PING and not (page in self.leaving and kind in KEEPALIVE_TYPES):
            return
        beacon = Beacon(
            url, str(request.get("method", "POST")), kind, time.time(),
            str(event.get("documentURL", "")), initiator, body=beacon_body(request),
            headers=_body_headers(request.get("headers")),
        )  # fmt: skip
        self.by_page.setdefault(page, {})[str(event.get("requestId", ""))] = beacon

    def finished(self, page: Page, event: dict[str, Any], failed: bool) -> None:
        """A beacon's request completed (or failed)."""
        beacon = self.by_page.get(page, {}).get(str(event.get("requestId", "")))
        if beacon is not None:
            beacon.done = True
            if failed:
                beacon.failure = str(event.get("errorText", "failed"))

    def response(self, page: Page, event: dict[str, Any]) -> None:
        """A beacon's response headers arrived."""
        beacon = self.by_page.get(page, {}).get(str(event.get("requestId", "")))
        if beacon is not None:
            beacon.status = int(event.get("response", {}).get("status", 0)) or None

    async def leave(self, page: Page, open_requests: Any) -> list[Beacon]:
        """Leave ``page`` as a visitor does when switching away: it is hidden and its leave
        handlers run while it is still alive; its CDP-only beacons.

        ``open_requests()`` counts the page's open requests that should still hold it (long-polls,
        streams and heartbeats do not: see crawl.quiet). A beacon is seen as it is sent, and
        DevTools often never reports a ping as finished, so a beacon holds the page only for
        QUIET_S after it was sent.
        """
        self.leaving.add(page)
        try:
            for frame in page.frames:
                with contextlib.suppress(Error):
                    await frame.evaluate(HIDE_SCRIPT)
            pending = self.by_page.get(page, {})
            await _quiet(lambda: open_requests() + _just_sent(pending.values(), time.time()))
        finally:
            self.leaving.discard(page)
        return list(self.by_page.pop(page, {}).values())


def beacon_body(request: dict[str, Any]) -> bytes | None:
    """The body DevTools reported with a request (``postDataEntries``, else ``postData``),
    at most MAX_BODY bytes; None when it reported none."""
    entries = request.get("postDataEntries")
    if isinstance(entries, list) and entries:
        parts, size = [], 0
        for entry in entries:
            raw = entry.get("bytes") if isinstance(entry, dict) else None
            if isinstance(raw, str) and size < MAX_BODY:
                with contextlib.suppress(binascii.Error, ValueError):
                    part = base64.b64decode(raw[: (MAX_BODY // 3 + 1) * 4], validate=True)
                    parts.append(part)
                    size += len(part)
        return b"".join(parts)[:MAX_BODY] or None
    text = request.get("postData")
    return text.encode("utf-8", errors="replace")[:MAX_BODY] if isinstance(text, str) else None


def _body_headers(headers: object) -> dict[str, str]:
    """The request headers that say how its body is encoded, by lower-case name."""
    if not isinstance(headers, dict):
        return {}
    wanted = ("content-type", "content-encoding")
    return {k.lower(): str(v) for k, v in headers.items() if str(k).lower() in wanted}


def _just_sent(beacons: Iterable[Beacon], now: float) -> int:
    """Beacons to new addresses sent within the last QUIET_S (more may follow them); a repeat
    of an earlier beacon (a heartbeat) does not count."""
    seen: set[str] = set()
    count = 0
    for beacon in beacons:
        key = beacon.url.partition("?")[0]
        if key not in seen and not beacon.done and now - beacon.at < QUIET_S:
            count += 1
        seen.add(key)
    return count


async def _quiet(open_requests: Any) -> None:
    """Wait until nothing is open for QUIET_S (requests start asynchronously), at most
    LEAVE_WAIT_S."""
    deadline = time.monotonic() + LEAVE_WAIT_S
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(POLL_S)
        if open_requests():
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_S:
            return
