"""Give each request, response and cookie write of a state to the page visit it belongs to."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from playwright.async_api import Error, Page, Request, Response

from scanner.crawl.beacons import Beacons, leave_label
from scanner.crawl.kept import KeptCookies
from scanner.crawl.setcookie import CookieWrite, parse_cookie_write, response_time
from scanner.crawl.shared_workers import WorkerRequest
from scanner.crawl.visit import SeenRequest, SeenWrite, Visit
from scanner.crawl.workers import frame_chain, page_of, worker_of, worker_visit
from scanner.knowledge.domains import host_of
from scanner.model import SetBy


class VisitEvents:
    """The open visits of one state, filled in from Playwright events and the cookie hook."""

    def __init__(self, beacons: Beacons, kept: KeptCookies) -> None:
        self._beacons = beacons
        self._kept = kept
        self._visits: dict[Page, Visit] = {}
        self._pending: set[asyncio.Task[None]] = set()
        # Cookie writes of service and shared workers made while no visit was open.
        self._between: list[SeenWrite] = []

    def begin(self, page: Page, url: str, depth: int) -> Visit:
        """Start recording a visit made by ``page``."""
        visit = Visit(url=url, depth=depth, started=time.time())
        self._visits[page] = visit
        return visit

    def end(self, page: Page) -> None:
        """Stop attributing events of ``page`` to its visit."""
        self._visits.pop(page, None)

    def of(self, page: Page) -> Visit | None:
        """The open visit of ``page``, if any."""
        return self._visits.get(page)

    def of_worker(self, script_url: str) -> Visit | None:
        """The open visit a service or shared worker's events belong to (see crawl.workers)."""
        return worker_visit(self._visits.values(), script_url)

    def worker_page(self, script_url: str) -> Page | None:
        """The page whose open visit a service or shared worker's events belong to."""
        owner = self.of_worker(script_url)
        return next((p for p, v in self._visits.items() if v is owner), None)

    async def drain(self) -> None:
        """Wait for response handlers still reading headers."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    def _visit_of(self, request: Request) -> Visit | None:
        if request.service_worker is not None:
            return self.of_worker(request.service_worker.url)
        page = page_of(request)
        return None if page is None else self._visits.get(page)

    def on_request(self, request: Request) -> None:
        """A request Playwright reports: opened in its visit."""
        visit = self._visit_of(request)
        if visit is not None:
            leaving = page_of(request) in self._beacons.leaving
            visit.requests[id(request)] = SeenRequest(
                request, time.time(), worker=worker_of(request), frames=frame_chain(request),
                beacon=leave_label(request.resource_type) if leaving else None,
            )  # fmt: skip

    def on_request_failed(self, request: Request) -> None:
        """A request that failed: closed in its visit with the failure."""
        visit = self._visit_of(request)
        entry = visit.requests.get(id(request)) if visit else None
        if entry is not None:
            entry.failure = request.failure or "failed"
            entry.done_at = time.time()

    def on_response(self, response: Response) -> None:
        """A response: closes its request and reads its Set-Cookie headers in the background."""
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
                visit.writes.append(SeenWrite(write, SetBy.HEADER, url, seen_at))
                self._note_deletion(write, url)

    def on_shared_request(self, request: WorkerRequest) -> None:
        """A shared worker's request belongs to the latest visit on the worker's origin."""
        visit = self.of_worker(request.worker.split(" ", 2)[-1])
        if visit is not None:
            visit.worker_requests.append(request)

    def on_script_write(
        self,
        source: dict[str, Any],
        line: object,
        caller: object,
        href: object,
        at_ms: object,
        worker: str | None = None,
    ) -> None:
        """A ``document.cookie`` write reported by the hook in a page or worker."""
        page = source.get("page")
        visit = self._visits.get(page) if page is not None else None
        if visit is not None:
            self._add_write(visit.writes, line, caller, href, at_ms, worker)

    def between_visits(
        self, line: object, caller: object, href: object, at_ms: object, worker: str
    ) -> None:
        """A service or shared worker's cookie write while no visit of its origin was open:
        kept for the next cookie snapshot of the state (the write outlives the page)."""
        self._add_write(self._between, line, caller, href, at_ms, worker)

    def take_between(self) -> list[SeenWrite]:
        """The worker writes made between visits, handed over once."""
        taken, self._between = self._between, []
        return taken

    def _add_write(
        self,
        writes: list[SeenWrite],
        line: object,
        caller: object,
        href: object,
        at_ms: object,
        worker: str | None,
    ) -> None:
        try:
            at = float(str(at_ms)) / 1000.0
        except ValueError:
            at = time.time()
        write = parse_cookie_write(str(line), host_of(str(href)), at)
        if write is not None:
            setter = str(caller) or str(href)
            writes.append(SeenWrite(write, SetBy.SCRIPT, setter, time.time(), worker))
            self._note_deletion(write, setter)

    def _note_deletion(self, write: CookieWrite, setter: str) -> None:
        """A deletion (the CMP's click handler runs just before the choice is timed)."""
        if write.deletion:
            self._kept.deletion(write.name, setter)
