"""The request collector: a visit's requests as records — Playwright's, shared workers', then
the beacons Playwright did not report — each built the one way (``request_record``), with any
cookie value a site copied into a URL replaced by its digest."""

from __future__ import annotations

from dataclasses import replace

from playwright.async_api import Error, Page

from scanner.crawl.book.sockets import Channel
from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import PING, Beacon, SeenRequest, Visit
from scanner.crawl.collectors.base import Collector, Fields
from scanner.crawl.devtools.shared_workers import WorkerRequest
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import Party, RequestRecord


class RequestsCollector(Collector):
    """Turns one state's visits' requests into records with party, phase, initiator, worker."""

    name = "requests"

    def __init__(self, book: StateBook) -> None:
        self._book = book

    def data(self, page: Page, visit: Visit) -> Fields:
        """The visit's requests as records, then beacons Playwright did not report."""
        beacons = {b.url: b.label for b in visit.beacons}
        records = [self._seen(visit, e, beacons) for e in visit.requests.values()]
        records += [self._of_worker(visit, w) for w in visit.worker_requests]
        seen = {r.url for r in records}
        records += [self._beacon(visit, b) for b in visit.beacons if b.url not in seen]
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
