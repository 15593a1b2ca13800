"""When a page is quiet: no pending request that can still change cookies, storage or parties."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol
from urllib.parse import urlsplit

from playwright.async_api import Request

# Connections that stay open by design: an answer, if any, comes as a stream or never.
OPEN_BY_DESIGN = frozenset({"eventsource", "websocket", "ping", "media"})
# Script-driven requests still open after this long are long-polls, not loading work.
LONG_POLL_S = 1.0
POLLED = frozenset({"xhr", "fetch", "other", "beacon"})


class Pending(Protocol):
    """A recorded request: when it started, and its answer or failure once known."""

    @property
    def request(self) -> Request: ...

    @property
    def at(self) -> float: ...

    @property
    def status(self) -> int | None: ...

    @property
    def failure(self) -> str | None: ...


def _key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"


def holding(requests: Iterable[Pending], now: float) -> int:
    """How many open requests should still hold the page.

    Not holding: streams, beacons and sockets; a repeat of a request already answered in this
    visit (a tracker's heartbeat: its host is known and the jar is read at the end anyway);
    a script-driven request open for LONG_POLL_S or more (a long-poll).
    """
    entries = list(requests)
    answered = {_key(e.request.url) for e in entries if e.status is not None or e.failure}
    count = 0
    for entry in entries:
        if entry.status is not None or entry.failure is not None:
            continue
        kind = entry.request.resource_type
        if kind in OPEN_BY_DESIGN or _key(entry.request.url) in answered:
            continue
        if kind in POLLED and now - entry.at >= LONG_POLL_S:
            continue
        count += 1
    return count
