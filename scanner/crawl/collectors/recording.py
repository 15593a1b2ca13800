"""Session-recording detection: DOM snapshots and events streamed out, or a known vendor."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from playwright.async_api import Page

from scanner.crawl.book.outgoing import Outgoing
from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import ApiCall, Visit
from scanner.crawl.collectors.base import Collector, Fields
from scanner.knowledge.recorders import RecorderKnowledge, bundled_recorders
from scanner.model import RecordingRecord

# rrweb's EventType numbers (rrweb-io/rrweb, packages/types): the format most recorders share.
RRWEB_EVENTS = {2: "FullSnapshot", 3: "IncrementalSnapshot", 4: "Meta"}
_ALL_EVENT_TYPES = range(7)
_DOM_KEYS = ('"tagName"', '"childNodes"')
MIN_DOM_NODES = 5
_MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class RecordingDetection:
    """A host receiving session recordings, how it was recognised and how much it got."""

    host: str
    vendor: str | None
    evidence: str
    requests: int
    bytes_sent: int
    script: str | None
    at: float


def rrweb_event_types(body: str) -> Counter[int]:
    """Counts by type of the rrweb-shaped events (``type``, ``data``, ``timestamp``) in a body."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # a body nested past the parser's depth: no events
        return Counter()
    found: Counter[int] = Counter()
    _walk(data, found, 0)
    return found


def _walk(value: object, found: Counter[int], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        kind = value.get("type")
        rr = isinstance(kind, int) and kind in _ALL_EVENT_TYPES
        if rr and "data" in value and isinstance(value.get("timestamp"), int | float):
            found[int(kind)] += 1  # type: ignore[arg-type]
            return
        for item in value.values():
            _walk(item, found, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _walk(item, found, depth + 1)


def serialises_dom(body: str) -> bool:
    """Whether a body carries a serialised DOM tree (many element nodes with child lists)."""
    return body.count(_DOM_KEYS[0]) >= MIN_DOM_NODES and _DOM_KEYS[1] in body


def detect_recording(
    sent: Iterable[Outgoing], calls: Iterable[ApiCall], vendors: RecorderKnowledge
) -> tuple[RecordingDetection, ...]:
    """Hosts receiving recordings: by payload shape or by known vendor endpoint.

    A first-party host (a self-hosted collector) counts only with rrweb-format snapshots,
    the one signal that cannot be an ordinary form or API call.
    """
    by_host: dict[str, list[Outgoing]] = defaultdict(list)
    for request in sent:
        by_host[request.host].append(request)
    observers = [c.script for c in calls if c.api == "dom.observe" and c.script]
    found = (_host_detection(host, reqs, vendors, observers) for host, reqs in by_host.items())
    return tuple(d for d in found if d is not None)


def _host_detection(
    host: str, requests: list[Outgoing], vendors: RecorderKnowledge, observers: list[str]
) -> RecordingDetection | None:
    vendor = next((v.name for r in requests if (v := vendors.endpoint_vendor(r.url))), None)
    events: Counter[int] = Counter()
    dom = 0
    found_in: dict[str, None] = {}
    for request in requests:
        for how, text in request.texts():
            seen = rrweb_event_types(text)
            dom += serialises_dom(text)
            events += seen
            if how and (seen or serialises_dom(text)):
                found_in[how] = None
    snapshots = {t: n for t, n in events.items() if t in RRWEB_EVENTS}
    third = any(r.third_party for r in requests)
    if not snapshots and (not third or (vendor is None and not dom)):
        return None
    carrying = [r for r in requests if r.body] or requests
    script = next((r.initiator for r in carrying if r.initiator), None)
    script = script or (observers[0] if observers else None)
    evidence = _evidence(vendor, snapshots, dom, len(carrying), script in observers)
    evidence += "".join(f" ({how})" for how in found_in) + _opaque(requests)
    size = sum(len(r.body.encode()) for r in requests)
    return RecordingDetection(host, vendor, evidence, len(carrying), size, script, carrying[0].at)


def _opaque(requests: list[Outgoing]) -> str:
    """What could not be read in what the host was sent, so a reader knows it was not checked."""
    unread = [r.opaque for r in requests if r.opaque]
    return f"; {len(unread)} body(ies) not read: {unread[0]}" if unread else ""


def _evidence(
    vendor: str | None, snapshots: dict[int, int], dom: int, sends: int, observed: bool
) -> str:
    parts = [f"recording endpoint of {vendor}"] if vendor else []
    if snapshots:
        counts = ", ".join(f"{RRWEB_EVENTS[t]} x{n}" for t, n in sorted(snapshots.items()))
        parts.append(f"rrweb-format events ({counts}) in {sends} request(s)")
    if dom:
        parts.append(f"a serialised DOM in {dom} request body(ies)")
    if observed:
        parts.append("sent by a script observing every DOM mutation")
    return "; ".join(parts)


class RecordingCollector(Collector):
    """Session recording found in what each visit sent and in its API calls."""

    name = "session_recording"

    def __init__(self, book: StateBook) -> None:
        self._book = book

    def data(self, page: Page, visit: Visit) -> Fields:
        """One record per recording host."""
        sent = self._book.sent(visit)
        found = tuple(
            RecordingRecord(
                d.host,
                d.vendor,
                d.evidence,
                d.requests,
                d.bytes_sent,
                d.script,
                self._book.party(d.host),
                self._book.phase(d.at),
                visit.url,
            )
            for d in detect_recording(sent, visit.api_calls, bundled_recorders())
        )
        return {"recordings": found}
