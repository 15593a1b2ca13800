"""Beacons: requests a page sends as it is left (sendBeacon, keepalive fetch), seen over CDP.

Chromium sends them while the next document loads, so Playwright reports no request event for
them; the DevTools Network events of the page's session still do. A page is left by
navigating it to ``about:blank`` (unload handlers run), and what it sent meanwhile is kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Error, Page

LEAVE_WAIT_S = 2.0
POLL_S = 0.05
PING = "Ping"
KEEPALIVE_TYPES = frozenset({"Fetch", "XHR", "Other", PING})


@dataclass(slots=True)
class Beacon:
    """One request sent as a page was left (or a ``Ping`` any time), as DevTools saw it."""

    url: str
    method: str
    kind: str
    at: float
    document_url: str
    initiator: str | None
    status: int | None = None
    failure: str | None = None
    done: bool = False

    @property
    def label(self) -> str:
        """How it was sent: ``sendBeacon`` for pings, else ``keepalive <type>``."""
        return "sendBeacon" if self.kind == PING else f"keepalive {self.kind.lower()}"


@dataclass(slots=True)
class Beacons:
    """Beacons of each page by DevTools request id, and which pages are being left."""

    by_page: dict[Page, dict[str, Beacon]] = field(default_factory=dict)
    leaving: set[Page] = field(default_factory=set)

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
            str(event.get("documentURL", "")), initiator,
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

    async def leave(self, page: Page, timeout_s: float) -> list[Beacon]:
        """Leave ``page`` for about:blank (running its unload handlers); its beacons."""
        self.leaving.add(page)
        try:
            with contextlib.suppress(Error):
                await page.goto("about:blank", wait_until="load", timeout=timeout_s * 1000)
            deadline = time.monotonic() + LEAVE_WAIT_S
            pending = self.by_page.get(page, {})
            while any(not b.done for b in pending.values()) and time.monotonic() < deadline:
                await asyncio.sleep(POLL_S)
        finally:
            self.leaving.discard(page)
        return list(self.by_page.pop(page, {}).values())
