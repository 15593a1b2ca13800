"""Record what one consent state's browser does: cookie writes, jar, storage, requests."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import BrowserContext, Error, Page, Request, Response

from scanner.crawl.beacons import Beacon, Beacons, beacon_record, leave_label
from scanner.crawl.beyond import Beyond, BeyondRecorder, outgoing_of
from scanner.crawl.first_party import FirstParty
from scanner.crawl.kept import KeptCookies
from scanner.crawl.quiet import holding
from scanner.crawl.setcookie import CookieWrite, parse_cookie_write, response_time
from scanner.crawl.shared_workers import SharedWorkers, WorkerRequest
from scanner.crawl.storage import read_storage
from scanner.crawl.targets import PageTargets, Target, initiator_url
from scanner.crawl.worker_hooks import HOOK_SCRIPT, worker_report
from scanner.crawl.workers import frame_chain, page_of, worker_of, worker_visit
from scanner.knowledge.domains import domain_matches, host_of, registrable_domain
from scanner.model import (
    ConsentState,
    CookieRecord,
    KeptCookie,
    Party,
    Phase,
    RequestRecord,
    SetBy,
    StorageRecord,
)

BINDING = "__cookiescan_cookie"


@dataclass(slots=True)
class _Write:
    """A cookie write seen during a visit."""

    write: CookieWrite
    set_by: SetBy
    setter_url: str
    at: float
    worker: str | None = None


@dataclass(slots=True)
class _Req:
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
    writes: list[_Write] = field(default_factory=list)
    requests: dict[int, _Req] = field(default_factory=dict)
    cookies: list[CookieRecord] = field(default_factory=list)
    beacons: list[Beacon] = field(default_factory=list)
    worker_requests: list[WorkerRequest] = field(default_factory=list)

    def holding(self) -> int:
        """Requests of this visit still open that should hold the page (see crawl.quiet)."""
        return holding(self.requests.values(), time.time())


class StateRecorder:
    """Attaches to one state's browser context and turns its events into records."""

    def __init__(self, state: ConsentState, first_party: FirstParty, digest_key: bytes) -> None:
        self.state = state
        self.first_party = first_party
        self.consent_at: float | None = None
        self._digest_key = digest_key
        self._visits: dict[Page, Visit] = {}
        self._pending: set[asyncio.Task[None]] = set()
        self._initiators: dict[str, str] = {}
        self._jar_seen: set[tuple[str, str, str]] = set()
        self._storage_seen: set[tuple[str, str, str]] = set()
        self.beyond = BeyondRecorder(state, first_party.party, self.phase)
        self._beacons = Beacons()
        self._kept = KeptCookies()
        self._targets: dict[Page, PageTargets] = {}
        self._worker_urls: dict[str, str] = {}
        self._shared = SharedWorkers(self._on_shared_request, self._on_shared_call)

    async def attach(self, context: BrowserContext) -> None:
        """Install the cookie hook and event listeners on a fresh context."""
        await context.expose_binding(BINDING, self._on_script_write)
        await context.add_init_script(script=HOOK_SCRIPT)
        await self.beyond.attach(context)
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_request_failed)
        await self._shared.attach(context)

    async def watch_initiators(self, context: BrowserContext, page: Page) -> None:
        """Attach DevTools to the page and its out-of-process frames: initiators, beacons and
        the cookies each request carries."""
        if page not in self._targets:
            self._targets[page] = PageTargets(context, page, self)
            await self._targets[page].attach()
            self._shared.context_id = self._shared.context_id or self._targets[page].context_id

    def on_network_event(
        self, page: Page, method: str, event: dict[str, Any], target: Target | None
    ) -> None:
        """One DevTools Network event of ``page`` or of a target it created."""
        if method == "Network.requestWillBeSent":
            self._on_cdp_request(event)
            url = event.get("request", {}).get("url", "")
            if target is not None and target.worker is not None:
                self._worker_urls.setdefault(url, target.worker)
            self._beacons.request(page, event, self._initiators.get(url))
        elif method == "Network.requestWillBeSentExtraInfo":
            visit = self._visits.get(page)
            if visit is not None and self.phase(time.time()) is Phase.AFTER_CONSENT:
                self._kept.sent_with(event.get("associatedCookies", []), visit.url)
        elif method == "Network.responseReceived":
            self._beacons.response(page, event)
            if target is not None and target.worker is not None:  # sent before it was watched
                url = event.get("response", {}).get("url", "")
                self._worker_urls.setdefault(url, target.worker)
        else:
            self._beacons.finished(page, event, method == "Network.loadingFailed")

    def on_worker_call(self, page: Page, target: Target, payload: str) -> None:
        """A cookie write or API call reported by the hooks in a worker ``page`` created."""
        report = worker_report(payload, target.url)
        if report is None or not self._owns(page, target):
            return
        if report.kind == "api":
            self.beyond.worker_call(page, report.args)
        else:
            line, caller, href, at_ms = report.args
            self._on_script_write({"page": page}, line, caller, href, at_ms, target.worker)

    def _owns(self, page: Page, target: Target) -> bool:
        """Whether ``page``'s visit owns the worker: a service or shared worker (which every
        page in its scope reaches) belongs to the latest visit of its origin only."""
        if target.kind == "worker":
            return True
        owner = worker_visit(self._visits.values(), target.url)
        return owner is not None and owner is self._visits.get(page)

    def _on_shared_call(self, target: Target, payload: str) -> None:
        owner = worker_visit(self._visits.values(), target.url)
        page = next((p for p, v in self._visits.items() if v is owner), None)
        if page is not None:
            self.on_worker_call(page, target, payload)

    async def leave(self, page: Page, visit: Visit) -> None:
        """Leave the visited page as a visitor does (its leave handlers run) and keep what it
        sent then."""
        visit.beacons.extend(await self._beacons.leave(page, visit.holding))

    async def kept_cookies(self, context: BrowserContext) -> tuple[KeptCookie, ...]:
        """Cookies written before the choice and still in the jar, unchanged, after it."""
        if self.consent_at is None:
            return ()
        with contextlib.suppress(Error):
            return self._kept.kept(await context.cookies(), self._digest)
        return ()

    def initiator(self, url: str) -> str | None:
        """The script or document that initiated the first request for ``url``, if known."""
        return self._initiators.get(url)

    def begin(self, page: Page, url: str, depth: int) -> Visit:
        """Start recording a visit made by ``page``."""
        visit = Visit(url=url, depth=depth, started=time.time())
        self._visits[page] = visit
        self.beyond.begin(page)
        return visit

    def beyond_records(self, page: Page, visit: Visit) -> Beyond:
        """Fingerprinting, session recording and key logging seen during the visit."""
        requests = ((entry.request, entry.at) for entry in visit.requests.values())
        sent = outgoing_of(requests, self.first_party.party, self.initiator)
        return self.beyond.end(page, visit.url, sent)

    def end(self, page: Page) -> None:
        """Stop attributing events of ``page`` to its visit."""
        self._visits.pop(page, None)

    def phase(self, at: float) -> Phase:
        """Before or after this state's consent action."""
        if self.consent_at is not None and at >= self.consent_at:
            return Phase.AFTER_CONSENT
        return Phase.BEFORE_CONSENT

    async def drain(self) -> None:
        """Wait for response handlers still reading headers."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    def _visit_of(self, request: Request) -> Visit | None:
        if request.service_worker is not None:
            return worker_visit(self._visits.values(), request.service_worker.url)
        page = page_of(request)
        return None if page is None else self._visits.get(page)

    def _on_request(self, request: Request) -> None:
        visit = self._visit_of(request)
        if visit is not None:
            leaving = page_of(request) in self._beacons.leaving
            visit.requests[id(request)] = _Req(
                request, time.time(), worker=worker_of(request), frames=frame_chain(request),
                beacon=leave_label(request.resource_type) if leaving else None,
            )  # fmt: skip

    def _on_request_failed(self, request: Request) -> None:
        visit = self._visit_of(request)
        entry = visit.requests.get(id(request)) if visit else None
        if entry is not None:
            entry.failure = request.failure or "failed"
            entry.done_at = time.time()

    def _on_response(self, response: Response) -> None:
        visit = self._visit_of(response.request)
        if visit is None:
            return
        entry = visit.requests.get(id(response.request))
        if entry is not None:
            entry.status, entry.done_at = response.status, time.time()
        task = asyncio.ensure_future(self._read_set_cookies(visit, response))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _read_set_cookies(self, visit: Visit, response: Response) -> None:
        try:
            headers = await response.headers_array()
        except Error:
            return
        date = next((h["value"] for h in headers if h["name"].lower() == "date"), None)
        lines = [
            line
            for header in headers
            if header["name"].lower() == "set-cookie"
            for line in header["value"].split("\n")
        ]
        self._header_writes(visit, response.url, lines, date)

    def _header_writes(self, visit: Visit, url: str, lines: list[str], date: str | None) -> None:
        """The cookie writes of a response's Set-Cookie lines, set by ``url``."""
        seen_at = time.time()
        server_now = response_time(date, seen_at)
        for line in lines:
            write = parse_cookie_write(line, host_of(url), server_now)
            if write is not None:
                visit.writes.append(_Write(write, SetBy.HEADER, url, seen_at))
                self._note_deletion(write, url)

    def _on_shared_request(self, request: WorkerRequest) -> None:
        """A shared worker's request belongs to the latest visit on the worker's origin."""
        visit = worker_visit(self._visits.values(), request.worker.split(" ", 2)[-1])
        if visit is not None:
            visit.worker_requests.append(request)

    def _on_script_write(
        self,
        source: dict[str, Any],
        line: object,
        caller: object,
        href: object,
        at_ms: object,
        worker: str | None = None,
    ) -> None:
        page = source.get("page")
        visit = self._visits.get(page) if page is not None else None
        if visit is None:
            return
        try:
            at = float(str(at_ms)) / 1000.0
        except ValueError:
            at = time.time()
        write = parse_cookie_write(str(line), host_of(str(href)), at)
        if write is not None:
            setter = str(caller) or str(href)
            visit.writes.append(_Write(write, SetBy.SCRIPT, setter, time.time(), worker))
            self._note_deletion(write, setter)

    def _note_deletion(self, write: CookieWrite, setter: str) -> None:
        """A deletion (the CMP's click handler runs just before the choice is timed)."""
        if write.deletion:
            self._kept.deletion(write.name, setter)

    def _on_cdp_request(self, event: dict[str, Any]) -> None:
        url = event.get("request", {}).get("url", "")
        initiator = initiator_url(event.get("initiator", {}))
        if url and initiator and url not in self._initiators:
            self._initiators[url] = initiator

    async def snapshot_cookies(self, context: BrowserContext, visit: Visit) -> None:
        """Join the jar with this visit's writes; add records for new or rewritten cookies."""
        await self.drain()
        now = time.time()
        jar = await context.cookies()
        for cookie in jar:
            key = (cookie["name"], cookie["domain"], cookie["path"])
            writes = [w for w in visit.writes if _write_matches(w.write, cookie)]
            for write in _one_per_phase(writes, self.phase):
                visit.cookies.append(self._cookie_record(cookie, visit, write, write.at))
                self._kept.recorded(visit.cookies[-1])
            if not writes and key not in self._jar_seen:
                visit.cookies.append(self._cookie_record(cookie, visit, None, now))
                self._kept.recorded(visit.cookies[-1])
            self._jar_seen.add(key)
        visit.writes.clear()

    def _cookie_record(
        self, cookie: Any, visit: Visit, write: _Write | None, at: float
    ) -> CookieRecord:
        expires = float(cookie.get("expires", -1))
        stored = None if expires <= 0 else max(round(expires - at), 0)
        domain = str(cookie["domain"])
        return CookieRecord(
            name=str(cookie["name"]),
            domain=domain,
            path=str(cookie["path"]),
            value_digest=self._digest(str(cookie.get("value", ""))),
            lifetime_requested=write.write.lifetime if write else stored,
            lifetime_stored=stored,
            expires_stored=None if expires <= 0 else expires,
            secure=bool(cookie.get("secure")),
            http_only=bool(cookie.get("httpOnly")),
            same_site=str(cookie.get("sameSite", "")),
            partitioned=bool(cookie.get("partitionKey")),
            party=self.first_party.party(domain.lstrip(".")),
            set_by=write.set_by if write else SetBy.UNKNOWN,
            setter_url=write.setter_url if write else None,
            raw_expiry=write.write.raw_expiry if write else None,
            phase=self.phase(at),
            page_url=visit.url,
            setter_worker=write.worker if write else None,
        )

    def _digest(self, value: str) -> str:
        """A per-scan keyed digest: shows a change without revealing or confirming the value."""
        return hmac.new(self._digest_key, value.encode(), hashlib.sha256).hexdigest()[:16]

    def request_records(self, visit: Visit) -> tuple[RequestRecord, ...]:
        """The visit's requests as records, then beacons Playwright did not report."""
        beacons = {b.url: b.label for b in visit.beacons}
        records = [self._request_record(visit, e, beacons) for e in visit.requests.values()]
        records += [
            w.record(visit.url, self.first_party.party(host_of(w.url)), self.phase(w.at))
            for w in visit.worker_requests
        ]
        seen = {r.url for r in records}
        records += [
            beacon_record(b, visit.url, self.first_party.party(host_of(b.url)), self.phase(b.at))
            for b in visit.beacons
            if b.url not in seen
        ]
        return tuple(records)

    def _request_record(self, visit: Visit, entry: _Req, beacons: dict[str, str]) -> RequestRecord:
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
            party=self.first_party.party(host) if host else Party.FIRST,
            resource_type=request.resource_type,
            method=request.method,
            frame_url=frame_url,
            initiator=self._initiators.get(request.url),
            status=entry.status,
            failure=entry.failure,
            phase=self.phase(entry.at),
            page_url=visit.url,
            worker=entry.worker or self._worker_urls.get(request.url),
            beacon=entry.beacon or beacons.get(request.url),
            frame_chain=entry.frames,
        )

    async def storage_records(self, page: Page, visit: Visit) -> tuple[StorageRecord, ...]:
        """Storage keys first seen in this state during this visit, in every frame."""
        records = []
        phase = self.phase(time.time())
        for entry in await read_storage(page):
            key = (entry.origin, entry.kind.value, entry.key)
            if key in self._storage_seen:
                continue
            self._storage_seen.add(key)
            party = self.first_party.party(host_of(entry.origin))
            records.append(
                StorageRecord(
                    entry.origin, entry.kind, entry.key, entry.value_length, party, phase, visit.url
                )
            )
        return tuple(records)


def _write_matches(write: CookieWrite, cookie: Any) -> bool:
    if write.deletion or write.name != cookie["name"]:
        return False
    if write.path is not None and write.path != cookie["path"]:
        return False
    jar_domain = str(cookie["domain"])
    if jar_domain.startswith("."):
        return write.domain == jar_domain.lstrip(".")
    return domain_matches(jar_domain, write.domain) and write.domain == jar_domain


def _one_per_phase(writes: list[_Write], phase_of: Any) -> list[_Write]:
    """The last write of each phase (a script writing a cookie every second is one finding)."""
    chosen: dict[Phase, _Write] = {}
    for write in writes:
        chosen[phase_of(write.at)] = write
    return list(chosen.values())
