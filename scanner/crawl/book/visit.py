"""What one page visit recorded as events arrived: its requests, beacons and API calls.

The book holds the entries several collectors read (a request feeds the request records,
session-recording and key-logging checks); what only one collector needs, it keeps itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Request

from scanner.crawl.book.outgoing import Outgoing
from scanner.crawl.book.quiet import holding
from scanner.crawl.book.sockets import Channel
from scanner.crawl.devtools.shared_workers import WorkerRequest

PING = "Ping"


@dataclass(slots=True)
class SeenRequest:
    """A request seen during a visit, completed as its response arrives."""

    request: Request
    at: float
    status: int | None = None
    failure: str | None = None
    done_at: float | None = None
    worker: str | None = None
    frames: tuple[str, ...] = ()
    beacon: str | None = None


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
    body: bytes | None = None  # the body DevTools reported with it, if any (bounded)
    headers: dict[str, str] = field(default_factory=dict)  # content type and encoding

    @property
    def label(self) -> str:
        """How it was sent: ``sendBeacon`` for pings, else ``keepalive <type>``."""
        return "sendBeacon" if self.kind == PING else f"keepalive {self.kind.lower()}"


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One distinct call: the API, the calling script and what it was called with."""

    api: str
    script: str
    detail: tuple[tuple[str, Any], ...]
    frame_url: str
    at: float

    def get(self, key: str, default: Any = None) -> Any:
        """One detail value."""
        return next((value for name, value in self.detail if name == key), default)


@dataclass(slots=True, eq=False)
class Visit:
    """Everything recorded while one page was being visited (hashed by identity, so a
    collector can keep its own entries per visit)."""

    url: str
    depth: int
    started: float
    owned: bool = True  # the scanner drives the page (a test's own page is only watched)
    requests: dict[int, SeenRequest] = field(default_factory=dict)
    beacons: list[Beacon] = field(default_factory=list)
    worker_requests: list[WorkerRequest] = field(default_factory=list)
    api_calls: list[ApiCall] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)  # WebSockets, WebTransport
    sent: list[Outgoing] | None = None  # the requests as sent, made once (book.state.sent)
    sent_of: dict[int, Outgoing] = field(default_factory=dict)  # ... by request, made once

    def holding(self) -> int:
        """Requests of this visit still open that should hold the page (see book.quiet)."""
        return holding(self.requests.values(), time.time())
