"""The request collector: a visit's requests as records — Playwright's, shared workers', then
the beacons Playwright did not report — each built the one way (``request_record``), with any
cookie value a site copied into a URL replaced by its digest, and its body's shape (field
names; values of only the fields an endpoint signature tests, never reported)."""

from __future__ import annotations

from dataclasses import replace

from playwright.async_api import Error, Page

from scanner.crawl.book.outgoing import outgoing
from scanner.crawl.book.shape import BodyShape, shape_of
from scanner.crawl.book.sockets import Channel
from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import PING, Beacon, SeenRequest, Visit
from scanner.crawl.collectors.base import Collector, Fields
from scanner.crawl.devtools.shared_workers import WorkerRequest
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.knowledge.endpoints import bundled_endpoints, default_endpoints
from scanner.model import Party, RequestRecord


class RequestsCollector(Collector):
    """Turns one state's visits' requests into records with party, phase, initiator, worker."""

    name = "requests"

    def __init__(self, book: StateBook, tested: frozenset[str] | None = None) -> None:
        self._book = book
        self._tested = tested if tested is not None else tested_fields()

    def data(self, page: Page, visit: Visit) -> Fields:
        """The visit's requests as records, then beacons Playwright did not report."""
        beacons = {b.url: b.label for b in visit.beacons}
        records = [
            self._with_body(self._seen(visit, e, beacons), self._shape(visit, key))
            for key, e in visit.requests.items()
        ]
        records += [self._of_worker(visit, w) for w in visit.worker_requests]
        seen = {r.url for r in records}
        records += [
            self._with_body(self._beacon(visit, b), self._beacon_shape(b))
            for b in visit.beacons
            if b.url not in seen
        ]
        records += [self._channel(visit, c) for c in visit.channels]
        return {"requests": tuple(records)}

    def _channel(self, visit: Visit, channel: Channel) -> RequestRecord:
        """A WebSocket or WebTransport channel, with how much it sent."""
        record = self.request_record(
            visit, channel.url, channel.kind, "GET", channel.at, frame_url=channel.frame_url,
            initiator=channel.initiator, status=channel.status, failure=channel.failure,
            worker=channel.worker,
        )  # fmt: skip
        return replace(record, frames_sent=channel.frames_sent, bytes_sent=channel.bytes_sent)

    def _shape(self, visit: Visit, key: int) -> BodyShape:
        """The body shape of one of the visit's requests (decoded once, see book.state)."""
        return shape_of(self._book.sent_request(visit, key), self._tested)

    def _beacon_shape(self, beacon: Beacon) -> BodyShape:
        """The body shape of a beacon DevTools saw with its body."""
        if not beacon.body:
            return BodyShape()
        sent = outgoing(beacon.url, "", beacon.method, beacon.body, beacon.headers, False,
                        beacon.at, None)  # fmt: skip
        return shape_of(sent, self._tested)

    def _with_body(self, record: RequestRecord, shape: BodyShape) -> RequestRecord:
        """``record`` with its body's field names (a cookie value in a name is digested)."""
        if not shape.keys and not shape.decoded:
            return record
        scrub = self._book.secrets.scrub
        return replace(
            record, body_keys=tuple(scrub(k) for k in shape.keys),
            body_decoded_keys=tuple(scrub(k) for k in shape.decoded), body_how=scrub(shape.how),
            body_values=shape.values,
        )  # fmt: skip

    def _seen(self, visit: Visit, entry: SeenRequest, beacons: dict[str, str]) -> RequestRecord:
        request = entry.request
        try:
            frame_url = request.frame.url
        except Error:
            frame_url = ""
        return self.request_record(
            visit, request.url, request.resource_type, request.method, entry.at,
            frame_url=frame_url, initiator=self._book.initiator(request.url),
            status=entry.status, failure=entry.failure,
            worker=entry.worker or self._book.worker_urls.get(request.url),
            beacon=entry.beacon or beacons.get(request.url), frame_chain=entry.frames,
        )  # fmt: skip

    def _of_worker(self, visit: Visit, request: WorkerRequest) -> RequestRecord:
        return self.request_record(
            visit, request.url, request.kind.lower() or "other", request.method, request.at,
            initiator=request.initiator, status=request.status, failure=request.failure,
            worker=request.worker,
        )  # fmt: skip

    def _beacon(self, visit: Visit, beacon: Beacon) -> RequestRecord:
        kind = "beacon" if beacon.kind == PING else beacon.kind.lower()
        return self.request_record(
            visit, beacon.url, kind, beacon.method, beacon.at, frame_url=beacon.document_url,
            initiator=beacon.initiator, status=beacon.status, failure=beacon.failure,
            beacon=beacon.label,
        )  # fmt: skip

    def request_record(
        self,
        visit: Visit,
        url: str,
        resource_type: str,
        method: str,
        at: float,
        frame_url: str = "",
        initiator: str | None = None,
        status: int | None = None,
        failure: str | None = None,
        worker: str | None = None,
        beacon: str | None = None,
        frame_chain: tuple[str, ...] = (),
    ) -> RequestRecord:
        """One request of ``visit`` as a record: party and phase as this state sees them."""
        host = host_of(url)
        scrub = self._book.secrets.scrub  # a cookie value copied into a URL is digested
        return RequestRecord(
            url=scrub(url),
            host=host,
            registrable_domain=registrable_domain(host),
            party=self._book.party(host) if host else Party.FIRST,
            resource_type=resource_type,
            method=method,
            frame_url=scrub(frame_url),
            initiator=scrub(initiator) if initiator else initiator,
            status=status,
            failure=failure,
            phase=self._book.phase(at),
            page_url=visit.url,
            worker=worker,
            beacon=beacon,
            frame_chain=tuple(scrub(f) for f in frame_chain),
        )


def tested_fields() -> frozenset[str]:
    """The body fields whose values the default endpoint signatures test (the bundled ones
    alone when the user's signature file cannot be read: the judge reports that error)."""
    try:
        return default_endpoints().tested_fields
    except (OSError, ValueError, KeyError, TypeError):
        return bundled_endpoints().tested_fields
