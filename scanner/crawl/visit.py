"""What one page visit recorded as events arrived: its cookie writes, requests and beacons."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from playwright.async_api import Request

from scanner.crawl.beacons import Beacon
from scanner.crawl.quiet import holding
from scanner.crawl.setcookie import CookieWrite
from scanner.crawl.shared_workers import WorkerRequest
from scanner.model import CookieRecord, SetBy


@dataclass(slots=True)
class SeenWrite:
    """A cookie write seen during a visit."""

    write: CookieWrite
    set_by: SetBy
    setter_url: str
    at: float
    worker: str | None = None


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
class Visit:
    """Everything recorded while one page was being visited."""

    url: str
    depth: int
    started: float
    writes: list[SeenWrite] = field(default_factory=list)
    requests: dict[int, SeenRequest] = field(default_factory=dict)
    cookies: list[CookieRecord] = field(default_factory=list)
    beacons: list[Beacon] = field(default_factory=list)
    worker_requests: list[WorkerRequest] = field(default_factory=list)

    def holding(self) -> int:
        """Requests of this visit still open that should hold the page (see crawl.quiet)."""
        return holding(self.requests.values(), time.time())
