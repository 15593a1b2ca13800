"""A visit's requests as records: Playwright's, shared workers', then beacons it missed."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from playwright.async_api import Error

from scanner.crawl.beacons import beacon_record
from scanner.crawl.first_party import FirstParty
from scanner.crawl.visit import SeenRequest, Visit
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import Party, Phase, RequestRecord


class VisitRequests:
    """Turns one state's visits' requests into records with party, phase, initiator, worker.

    ``initiators`` and ``worker_urls`` are the state's own maps, read as they fill up.
    """

    def __init__(
        self,
        first_party: FirstParty,
        phase: Callable[[float], Phase],
        initiators: Mapping[str, str],
        worker_urls: Mapping[str, str],
    ) -> None:
        self._first_party = first_party
        self._phase = phase
        self._initiators = initiators
        self._worker_urls = worker_urls

    def records(self, visit: Visit) -> tuple[RequestRecord, ...]:
        """The visit's requests as records, then beacons Playwright did not report."""
        party, phase = self._first_party.party, self._phase
        beacons = {b.url: b.label for b in visit.beacons}
        records = [self._request_record(visit, e, beacons) for e in visit.requests.values()]
        records += [
            w.record(visit.url, party(host_of(w.url)), phase(w.at)) for w in visit.worker_requests
        ]
        seen = {r.url for r in records}
        records += [
            beacon_record(b, visit.url, party(host_of(b.url)), phase(b.at))
            for b in visit.beacons
            if b.url not in seen
        ]
        return tuple(records)

    def _request_record(
        self, visit: Visit, entry: SeenRequest, beacons: dict[str, str]
    ) -> RequestRecord:
        request = entry.request
        host = host_of(request.url)
        try:
            frame_url = request.frame.url
        except Error:
            frame_url = ""
        return RequestRecord(
            url=request.url,
            host=host,
            registrable_domain=registrable_domain(host),
            party=self._first_party.party(host) if host else Party.FIRST,
            resource_type=request.resource_type,
            method=request.method,
            frame_url=frame_url,
            initiator=self._initiators.get(request.url),
            status=entry.status,
            failure=entry.failure,
            phase=self._phase(entry.at),
            page_url=visit.url,
            worker=entry.worker or self._worker_urls.get(request.url),
            beacon=entry.beacon or beacons.get(request.url),
            frame_chain=entry.frames,
        )
