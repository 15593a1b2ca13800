"""Which open requests still hold a page before it counts as quiet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scanner.crawl.quiet import LONG_POLL_S, holding

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
