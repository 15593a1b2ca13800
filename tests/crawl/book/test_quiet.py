"""Which open requests still hold a page before it counts as quiet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scanner.crawl.book.quiet import LONG_POLL_S, holding, last_activity

NOW = 1000.0


@dataclass
class FakeRequest:
    url: str
    resource_type: str


@dataclass
class Entry:
    request: Any
    at: float
    status: int | None = None
    failure: str | None = None


def entry(url: str, kind: str = "fetch", age: float = 0.1, status: int | None = None) -> Entry:
    return Entry(FakeRequest(url, kind), NOW - age, status)


def test_loading_work_holds_the_page() -> None:
    assert holding([entry("https://a.test/app.js", "script", age=5.0)], NOW) == 1
    assert holding([entry("https://t.test/collect", "fetch")], NOW) == 1
    assert holding([entry("https://t.test/collect", "fetch", status=200)], NOW) == 0


def test_streams_sockets_and_beacons_never_hold() -> None:
    kinds = ("eventsource", "websocket", "ping", "media")
    assert holding([entry(f"https://t.test/{k}", k) for k in kinds], NOW) == 0


def test_a_heartbeat_already_answered_does_not_hold() -> None:
    answered = entry("https://t.test/hb?t=1", status=200)
    assert holding([answered, entry("https://t.test/hb?t=2")], NOW) == 0
    assert holding([answered, entry("https://t.test/other")], NOW) == 1


def test_a_script_request_open_past_the_long_poll_limit_does_not_hold() -> None:
    young = entry("https://t.test/poll", age=LONG_POLL_S / 2)
    old = entry("https://t.test/poll", age=LONG_POLL_S)
    assert holding([young], NOW) == 1
    assert holding([old], NOW) == 0
    assert holding([entry("https://t.test/big.js", "script", age=LONG_POLL_S * 3)], NOW) == 1


@dataclass
class Timed(Entry):
    done_at: float | None = None


def timed(url: str, kind: str, at: float, done_at: float | None = None) -> Timed:
    status = None if done_at is None else 200
    return Timed(FakeRequest(url, kind), at, status, None, done_at)


def test_activity_is_the_latest_start_or_answer_of_loading_work() -> None:
    entries = [timed("https://a.test/app.js", "script", 990.0, 991.0),
               timed("https://t.test/collect", "fetch", 992.0, 995.5)]  # fmt: skip
    assert last_activity(entries, 980.0, NOW) == 995.5
    assert last_activity(entries, 997.0, NOW) == 997.0  # never before the wait began


def test_an_open_request_that_still_holds_means_no_quiet_yet() -> None:
    assert last_activity([timed("https://a.test/app.js", "script", 999.0)], 990.0, NOW) is None


def test_a_long_poll_counts_by_its_start_and_heartbeats_not_at_all() -> None:
    entries = [
        timed("https://t.test/sync", "fetch", 990.0, 990.2),
        timed("https://t.test/poll", "fetch", 990.1),  # open for 9.9 s: a long-poll
        timed("https://t.test/hb?t=1", "fetch", 990.3, 990.4),
        timed("https://t.test/hb?t=2", "fetch", 999.8, 999.9),  # a heartbeat's repeat
        timed("https://t.test/events", "eventsource", 999.9),
    ]
    assert last_activity(entries, 980.0, NOW) == 990.4
