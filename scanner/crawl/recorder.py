"""Record what one consent state's browser does: cookie writes, jar, storage, requests."""

from __future__ import annotations

import contextlib
import time
from typing import Any

from playwright.async_api import BrowserContext, Error, Page

from scanner.crawl.beacons import Beacons
from scanner.crawl.beyond import Beyond, BeyondRecorder, outgoing_of
from scanner.crawl.collectors.storage.collector import StorageCollector
from scanner.crawl.cookie_join import CookieJoin
from scanner.crawl.first_party import FirstParty
from scanner.crawl.kept import KeptCookies
from scanner.crawl.shared_workers import SharedWorkers, WorkerRequest
from scanner.crawl.targets import PageTargets, Target, initiator_url
from scanner.crawl.visit import Visit
from scanner.crawl.visit_events import VisitEvents
from scanner.crawl.visit_requests import VisitRequests
from scanner.crawl.worker_hooks import HOOK_SCRIPT, worker_report
from scanner.model import ConsentState, KeptCookie, Phase, RequestRecord, StorageRecord

BINDING = "__cookiescan_cookie"


class StateRecorder:
    """Attaches to one state's browser context and turns its events into records."""

    def __init__(self, state: ConsentState, first_party: FirstParty, digest_key: bytes) -> None:
        self.state = state
        self.first_party = first_party
        self.consent_at: float | None = None
        self._initiators: dict[str, str] = {}
        self._storage = StorageCollector(first_party.party, self.phase)
        self.beyond = BeyondRecorder(state, first_party.party, self.phase)
        self._beacons = Beacons()
        self._kept = KeptCookies()
        self._visits = VisitEvents(self._beacons, self._kept)
        self._cookies = CookieJoin(first_party, self.phase, self._kept, digest_key)
        self._targets: dict[Page, PageTargets] = {}
        self._worker_urls: dict[str, str] = {}
        self._requests = VisitRequests(first_party, self.phase, self._initiators, self._worker_urls)
        self._shared = SharedWorkers(self._on_shared_request, self._on_shared_call)

    async def attach(self, context: BrowserContext) -> None:
        """Install the cookie hook and event listeners on a fresh context."""
        await context.expose_binding(BINDING, self._visits.on_script_write)
        await context.add_init_script(script=HOOK_SCRIPT)
        await self._storage.attach(context)
        await self.beyond.attach(context)
        context.on("request", self._visits.on_request)
        context.on("response", self._visits.on_response)
        context.on("requestfailed", self._visits.on_request_failed)
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
            if target is not None and target.worker is not None and url != target.url:
                self._worker_urls.setdefault(url, target.worker)
            self._beacons.request(page, event, self._initiators.get(url))
        elif method == "Network.requestWillBeSentExtraInfo":
            visit = self._visits.of(page)
            if visit is not None and self.phase(time.time()) is Phase.AFTER_CONSENT:
                self._kept.sent_with(event.get("associatedCookies", []), visit.url)
        elif method == "Network.responseReceived":
            self._beacons.response(page, event)
            url = event.get("response", {}).get("url", "")
            if target is not None and target.worker is not None and url != target.url:
                self._worker_urls.setdefault(url, target.worker)  # sent before it was watched
        else:
            self._beacons.finished(page, event, method == "Network.loadingFailed")

    def on_worker_call(self, page: Page, target: Target, payload: str) -> None:
        """A cookie write or API call reported by the hooks in a worker ``page`` created."""
        report = worker_report(payload, target.url)
        if report is None:
            return
        if report.kind == "storage":
            self._storage.worker_write(report.args, target.worker)
            return
        if report.kind == "api":
            if self._owns(page, target):
                self.beyond.worker_call(page, report.args)
            return
        line, caller, href, at_ms = report.args
        between = target.kind != "worker" and self._visits.of_worker(target.url) is None
        if between and target.worker is not None:  # no visit open on its origin: kept
            self._visits.between_visits(line, caller, href, at_ms, target.worker)
        elif self._owns(page, target):
            self._visits.on_script_write({"page": page}, line, caller, href, at_ms, target.worker)

    def _owns(self, page: Page, target: Target) -> bool:
        """Whether ``page``'s visit owns the worker: a service or shared worker (which every
        page in its scope reaches) belongs to the latest visit of its origin only."""
        if target.kind == "worker":
            return True
        owner = self._visits.of_worker(target.url)
        return owner is not None and owner is self._visits.of(page)

    def _on_shared_request(self, request: WorkerRequest) -> None:
        self._visits.on_shared_request(request)
        self._cookies.shared_request(request)

    def _on_shared_call(self, target: Target, payload: str) -> None:
        page = self._visits.worker_page(target.url)
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
            return self._kept.kept(await context.cookies(), self._cookies.digest)
        return ()

    def initiator(self, url: str) -> str | None:
        """The script or document that initiated the first request for ``url``, if known."""
        return self._initiators.get(url)

    def begin(self, page: Page, url: str, depth: int) -> Visit:
        """Start recording a visit made by ``page``."""
        visit = self._visits.begin(page, url, depth)
        self.beyond.begin(page)
        return visit

    def beyond_records(self, page: Page, visit: Visit) -> Beyond:
        """Fingerprinting, session recording and key logging seen during the visit."""
        requests = ((entry.request, entry.at) for entry in visit.requests.values())
        sent = outgoing_of(requests, self.first_party.party, self.initiator)
        return self.beyond.end(page, visit.url, sent)

    def end(self, page: Page) -> None:
        """Stop attributing events of ``page`` to its visit."""
        self._visits.end(page)

    def phase(self, at: float) -> Phase:
        """Before or after this state's consent action."""
        if self.consent_at is not None and at >= self.consent_at:
            return Phase.AFTER_CONSENT
        return Phase.BEFORE_CONSENT

    async def drain(self) -> None:
        """Wait for response handlers still reading headers."""
        await self._visits.drain()

    def _on_cdp_request(self, event: dict[str, Any]) -> None:
        url = event.get("request", {}).get("url", "")
        initiator = initiator_url(event.get("initiator", {}))
        if url and initiator and url not in self._initiators:
            self._initiators[url] = initiator

    async def snapshot_cookies(self, context: BrowserContext, visit: Visit) -> None:
        """Join the jar with this visit's writes; add records for new or rewritten cookies."""
        await self.drain()
        visit.writes.extend(self._visits.take_between())
        now = time.time()
        jar = await context.cookies()
        self._cookies.join(visit, jar, now)

    def request_records(self, visit: Visit) -> tuple[RequestRecord, ...]:
        """The visit's requests as records, then beacons Playwright did not report."""
        return self._requests.records(visit)

    async def storage_records(self, page: Page, visit: Visit) -> tuple[StorageRecord, ...]:
        """Storage items first seen in this state and phase during this visit, in every frame,
        with their writer (collectors/storage)."""
        return await self._storage.records(page, visit.url)
