"""When a page is quiet: no pending request that can still change cookies, storage or parties;
and how long to dwell for its pending timers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from playwright.async_api import Request

# Connections that stay open by design: an answer, if any, comes as a stream or never.
OPEN_BY_DESIGN = frozenset({"eventsource", "websocket", "ping", "media"})
# Script-driven requests still open after this long are long-polls, not loading work.
LONG_POLL_S = 1.0
POLLED = frozenset({"xhr", "fetch", "other", "beacon"})
# A page is quiet this long after its last loading work.
QUIET_S = 0.3
POLL_S = 0.05


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

    @property
    def done_at(self) -> float | None: ...


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


def last_activity(requests: Iterable[Pending], since: float, now: float) -> float | None:
    """When the page's network last did loading work (a request that counts started or was
    answered), or ``None`` while such a request is still open (see ``holding``).

    Streams, sockets, beacons and heartbeat repeats are not loading work; a long-poll counts
    only by its start, so a page is quiet ``quiet`` s after its real work ended even when the
    long-poll was only recognised later.
    """
    entries = list(requests)
    first_answer: dict[str, Pending] = {}
    for entry in entries:
        if entry.status is not None or entry.failure is not None:
            first_answer.setdefault(_key(entry.request.url), entry)
    latest = since
    for entry in entries:
        kind, key = entry.request.resource_type, _key(entry.request.url)
        if kind in OPEN_BY_DESIGN:
            continue
        if entry.status is None and entry.failure is None:
            if key in first_answer:
                continue
            if not (kind in POLLED and now - entry.at >= LONG_POLL_S):
                return None
            latest = max(latest, entry.at)
        elif first_answer[key] is entry:
            latest = max(latest, entry.at, entry.done_at or entry.at)
    return latest


async def wait_quiet(
    requests: Callable[[], Iterable[Pending]], upto: float, quiet: float = QUIET_S
) -> float:
    """Wait until no request that counts has started or been answered for ``quiet`` s (see
    ``last_activity``), at most ``upto`` s; return the seconds waited."""
    start = time.monotonic()
    began = time.time()
    deadline = start + upto
    while time.monotonic() < deadline:
        await asyncio.sleep(POLL_S)
        now = time.time()
        latest = last_activity(requests(), began, now)
        if latest is not None and now - latest >= quiet:
            break
    return time.monotonic() - start


@dataclass(frozen=True, slots=True)
class DueTimers:
    """A page's pending timers: seconds until the next one due within a horizon (``None``:
    none), and how many are due only after it."""

    next_s: float | None
    later: int


NO_TIMER = "no timer pending"
ONLY_LATER = "timers due only after the bound"
BOUND = "bound reached"
TIMER_MARGIN_S = 0.05  # past a timer's due time, for its callback to have run


async def dwell(
    due: Callable[[float], Awaitable[DueTimers]],
    requests: Callable[[], Iterable[Pending]],
    bound: float,
    settle: float,
) -> tuple[float, str, int]:
    """Stay on the page while it has timers or idle callbacks due within ``bound`` s (from
    now): wait for each, then for what it loaded (``wait_quiet``, at most ``settle``).

    The seconds dwelt, why it stopped (NO_TIMER, ONLY_LATER, BOUND) and how many timers it
    waited for.
    """
    start = time.monotonic()
    end, waited = start + bound, 0
    while True:
        left = end - time.monotonic()
        pending = await due(max(0.0, left))
        if pending.next_s is None:
            return time.monotonic() - start, ONLY_LATER if pending.later else NO_TIMER, waited
        if left <= 0:
            return time.monotonic() - start, BOUND, waited
        waited += 1
        await asyncio.sleep(min(pending.next_s + TIMER_MARGIN_S, left))
        await wait_quiet(requests, min(settle, max(0.0, end - time.monotonic())))
