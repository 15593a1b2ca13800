"""The cookie collector: every write seen (header or script, page or worker) joined with the
jar at the choice and at the end of each visit, and the cookies kept through the choice."""

from __future__ import annotations

import contextlib
import time
from importlib import resources
from typing import Any

from playwright.async_api import BrowserContext, Error, Page

from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import Visit
from scanner.crawl.collectors.base import Collector, Fields
from scanner.crawl.collectors.cookies.join import CookieJoin
from scanner.crawl.collectors.cookies.kept import KeptCookies
from scanner.crawl.collectors.cookies.writes import CookieWrites
from scanner.crawl.devtools.shared_workers import WorkerRequest
from scanner.crawl.devtools.targets import Target
from scanner.crawl.devtools.worker_hooks import WorkerBinding, WorkerReport
from scanner.model import CookieRecord, Phase

BINDING = "__cookiescan_cookie"
HOOK_SCRIPT = (
    resources.files("scanner.crawl.collectors.cookies").joinpath("hooks.js").read_text("utf-8")
)


class CookiesCollector(Collector):
    """Cookies of one state: records per visit (values as keyed digests), kept cookies."""

    name = "cookies"
    worker_script = HOOK_SCRIPT
    worker_bindings = (WorkerBinding(BINDING, "cookie", 4),)

    def __init__(self, book: StateBook, digest_key: bytes) -> None:
        self._book = book
        self._kept = KeptCookies()
        self._writes = CookieWrites(book.visits, self._kept)
        self._join = CookieJoin(
            book.first_party, book.phase, self._kept, digest_key, book.secrets.scrub
        )
        self._records: dict[Visit, list[CookieRecord]] = {}
        self._context: BrowserContext | None = None

    @property
    def writes(self) -> CookieWrites:
        """The writes seen so far (for a shared worker's requests, see ``shared_request``)."""
        return self._writes

    def digest(self, value: str) -> str:
        """The per-scan keyed digest of a cookie value."""
        return self._join.digest(value)

    async def attach(self, context: BrowserContext) -> None:
        """The cookie-write hook in every frame, and Set-Cookie headers of every response."""
        self._context = context
        await context.expose_binding(BINDING, self._on_script_write)
        await context.add_init_script(script=HOOK_SCRIPT)
        context.on("response", self._writes.on_response)

    def _on_script_write(self, source: dict[str, Any], *args: object) -> None:
        if len(args) == 4:
            self._writes.on_script_write(self._book.visits.of(source.get("page")), *args)

    def on_devtools(
        self, page: Page, method: str, params: dict[str, Any], target: Target | None
    ) -> None:
        """After the choice, which pages' requests still carry each cookie."""
        if method != "Network.requestWillBeSentExtraInfo":
            return
        visit = self._book.visits.of(page)
        if visit is not None and self._book.phase(time.time()) is Phase.AFTER_CONSENT:
            self._kept.sent_with(params.get("associatedCookies", []), visit.url)

    def on_worker_report(self, page: Page, target: Target, report: WorkerReport) -> None:
        """A worker's cookie write: its visit's, or kept for the next snapshot when the
        worker (service or shared) wrote while no visit of its origin was open."""
        if report.kind != "cookie":
            return
        line, caller, href, at_ms = report.args
        visits = self._book.visits
        between = target.kind != "worker" and visits.of_worker(target.url) is None
        if between and target.worker is not None:
            self._writes.between_visits(line, caller, href, at_ms, target.worker)
        elif visits.owns(page, target):
            self._writes.on_script_write(visits.of(page), line, caller, href, at_ms, target.worker)

    def shared_request(self, request: WorkerRequest) -> None:
        """A shared worker's request: its answer may set cookies the scanner cannot see."""
        self._join.shared_request(request)

    def begin(self, page: Page, visit: Visit) -> None:
        """Records of this visit start empty."""
        self._records[visit] = []

    async def before_choice(self, context: BrowserContext, visit: Visit) -> None:
        """The jar just before the choice, so what was set before it is stamped so."""
        await self._snapshot(context, visit)

    async def collect(self, page: Page, visit: Visit, live: bool) -> None:
        """The jar at the end of the visit, joined with the visit's writes."""
        if self._context is not None:
            await self._snapshot(self._context, visit)

    def data(self, page: Page, visit: Visit) -> Fields:
        """The visit's cookie records (those of a snapshot that failed are missing)."""
        self._writes.forget(visit)
        return {"cookies": tuple(self._records.pop(visit, ()))}

    async def _snapshot(self, context: BrowserContext, visit: Visit) -> None:
        """Join the jar with this visit's writes; add records for new or rewritten cookies."""
        await self._writes.drain()
        writes = self._writes.take(visit)
        jar = await context.cookies()
        self._book.secrets.learn(str(c.get("value", "")) for c in jar)
        records = self._join.join(visit.url, writes, jar, time.time())
        self._records.setdefault(visit, []).extend(records)

    async def finish(self, context: BrowserContext) -> Fields:
        """Cookies written before the choice and still in the jar, unchanged, after it."""
        if self._book.consent_at is None:
            return {"kept_cookies": ()}
        with contextlib.suppress(Error):
            jar = await context.cookies()
            return {"kept_cookies": self._kept.kept(jar, self._join.digest)}
        return {"kept_cookies": ()}
