"""Which open visit an event belongs to, and the requests Playwright reports, into its book."""

from __future__ import annotations

import time

from playwright.async_api import Page, Request, Response

from scanner.crawl.book.visit import SeenRequest, Visit
from scanner.crawl.devtools.targets import Target
from scanner.crawl.devtools.workers import frame_chain, page_of, worker_of, worker_visit


class Visits:
    """The open visits of one state, and the pages being left (their requests are beacons)."""

    def __init__(self) -> None:
        self._visits: dict[Page, Visit] = {}
        self.leaving: set[Page] = set()

    def begin(self, page: Page, url: str, depth: int, owned: bool = True) -> Visit:
        """Start recording a visit made by ``page`` (``owned``: the scanner drives the page)."""
        visit = Visit(url=url, depth=depth, started=time.time(), owned=owned)
        self._visits[page] = visit
        return visit

    def end(self, page: Page, visit: Visit) -> None:
        """Stop attributing events of ``page`` to ``visit`` (if it is still the page's)."""
        if self._visits.get(page) is visit:
            del self._visits[page]

    def of(self, page: Page | None) -> Visit | None:
        """The open visit of ``page``, if any."""
        return self._visits.get(page) if page is not None else None

    def of_worker(self, script_url: str) -> Visit | None:
        """The open visit a service or shared worker's events belong to (see devtools.workers)."""
        return worker_visit(self._visits.values(), script_url)

    def worker_page(self, script_url: str) -> Page | None:
        """The page whose open visit a service or shared worker's events belong to."""
        owner = self.of_worker(script_url)
        return next((p for p, v in self._visits.items() if v is owner), None)

    def owns(self, page: Page, target: Target) -> bool:
        """Whether ``page``'s visit owns the worker: a service or shared worker (which every
        page in its scope reaches) belongs to the latest visit of its origin only."""
        if target.kind == "worker":
            return True
        owner = self.of_worker(target.url)
        return owner is not None and owner is self.of(page)

    def of_request(self, request: Request) -> Visit | None:
        """The visit a Playwright request belongs to (a service worker's: see of_worker)."""
        if request.service_worker is not None:
            return self.of_worker(request.service_worker.url)
        return self.of(page_of(request))

    def on_request(self, request: Request) -> None:
        """A request Playwright reports: opened in its visit."""
        visit = self.of_request(request)
        if visit is not None:
            leaving = page_of(request) in self.leaving
            visit.requests[id(request)] = SeenRequest(
                request, time.time(), worker=worker_of(request), frames=frame_chain(request),
                beacon=leave_label(request.resource_type) if leaving else None,
            )  # fmt: skip

    def on_request_failed(self, request: Request) -> None:
        """A request that failed: closed in its visit with the failure."""
        visit = self.of_request(request)
        entry = visit.requests.get(id(request)) if visit else None
        if entry is not None:
            entry.failure = request.failure or "failed"
            entry.done_at = time.time()

    def on_response(self, response: Response) -> None:
        """A response: closes its request."""
        visit = self.of_request(response.request)
        entry = visit.requests.get(id(response.request)) if visit else None
        if entry is not None:
            entry.status, entry.done_at = response.status, time.time()


def leave_label(resource_type: str) -> str:
    """How a request made while its page was left was sent (``sendBeacon`` for a ping)."""
    return "sendBeacon" if resource_type == "ping" else f"on leave ({resource_type})"
