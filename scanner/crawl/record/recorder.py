"""The switchboard of one state: drives every collector through the visit lifecycle
(collectors.base), routes the browser's events to them, and keeps a failing one from ending
the visit (its failure is recorded on the visit instead)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from playwright.async_api import BrowserContext, Page

from scanner.crawl.book.quiet import DueTimers
from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import Visit
from scanner.crawl.browser.bounds import CLOSE_PAGE_S
from scanner.crawl.browser.identity import Identity
from scanner.crawl.collectors.base import Collector, Fields, Settle
from scanner.crawl.collectors.cookies.collector import CookiesCollector
from scanner.crawl.collectors.visitor.collector import InteractionCollector
from scanner.crawl.collectors.visitor.hook import TimersCollector
from scanner.crawl.devtools.shared_workers import SharedWorkers, WorkerRequest
from scanner.crawl.devtools.targets import PageTargets, Target
from scanner.crawl.devtools.worker_hooks import worker_commands, worker_report, worker_script
from scanner.crawl.navigation.first_party import FirstParty
from scanner.crawl.record.registry import default_collectors
from scanner.errors import first_line
from scanner.model import CollectorFailure, ConsentState, ImpliedConsent

T = TypeVar("T")


class StateRecorder:
    """Attaches one state's collectors to its browser context and turns a visit into fields."""

    def __init__(
        self,
        state: ConsentState,
        first_party: FirstParty,
        digest_key: bytes,
        identity: Identity = ((), ()),
        interaction: str = "full",
    ) -> None:
        self.book = StateBook(state, first_party, digest_key, interaction)
        self.cookies = CookiesCollector(self.book, digest_key)
        self.collectors: list[Collector] = default_collectors(self.book, self.cookies)
        self._timers = next((c for c in self.collectors if isinstance(c, TimersCollector)), None)
        self._visitor = next(
            (c for c in self.collectors if isinstance(c, InteractionCollector)), None
        )
        bindings = [b for c in self.collectors for b in c.worker_bindings]
        self._arity = {b.kind: b.arity for b in bindings}
        hooks = [c.worker_script for c in self.collectors if c.worker_script]
        # the visitor's identity first: a worker's own requests already carry its client hints
        self._frame_commands, identity_commands = identity
        self.worker_commands = identity_commands + worker_commands(worker_script(bindings, hooks))
        self._targets: dict[Page, PageTargets] = {}
        self._failures: dict[Visit, list[CollectorFailure]] = {}
        self._state_failures: list[CollectorFailure] = []
        self._broken: set[str] = set()  # collectors whose attach failed: off for the state
        self._shared = SharedWorkers(
            self._on_shared_request, self._on_shared_call, self.worker_commands
        )

    @property
    def state(self) -> ConsentState:
        """The consent state being recorded."""
        return self.book.state

    @state.setter
    def state(self, state: ConsentState) -> None:
        self.book.state = state

    @property
    def first_party(self) -> FirstParty:
        """This state's first-party domains."""
        return self.book.first_party

    @property
    def consent_at(self) -> float | None:
        """When this state's consent choice was made (None: not made)."""
        return self.book.consent_at

    @consent_at.setter
    def consent_at(self, at: float | None) -> None:
        self.book.consent_at = at

    @property
    def act_limit_s(self) -> float:
        """The longest settle a collector's ``act`` may ask for."""
        return max((c.act_limit_s for c in self.collectors), default=0.0)

    @property
    def state_failures(self) -> tuple[CollectorFailure, ...]:
        """Collectors that failed outside a visit (attaching, finishing the state)."""
        return tuple(self._state_failures)

    async def attach(self, context: BrowserContext) -> None:
        """The book's request events and every collector's hooks on a fresh context."""
        visits = self.book.visits
        context.on("request", visits.on_request)
        context.on("response", visits.on_response)
        context.on("requestfailed", visits.on_request_failed)
        for collector in self._live():
            if not await self._guarded(
                collector, "attach", self._state_failures, collector.attach(context)
            ):
                self._broken.add(collector.name)
        await self._shared.attach(context)

    async def watch_page(self, context: BrowserContext, page: Page, hold: bool = True) -> None:
        """Attach DevTools to the page and to every target it creates (iframes, workers; each
        worker held at its start, with ``hold``)."""
        if page not in self._targets:
            self._targets[page] = PageTargets(
                context, page, self, self.worker_commands, self._frame_commands
            )
            await self._targets[page].attach(hold_workers=hold)
            self._shared.context_id = self._shared.context_id or self._targets[page].context_id

    def on_network_event(
        self, page: Page, method: str, event: dict[str, Any], target: Target | None
    ) -> None:
        """One DevTools Network event of ``page`` or of a target it created."""
        self.book.on_devtools(method, event, target)
        for collector in self._live():
            self._call(
                page, collector, "on_devtools", collector.on_devtools, page, method, event, target
            )

    def on_worker_call(self, page: Page, target: Target, payload: str) -> None:
        """A report of the hooks in a worker ``page`` created, for the collector of its kind."""
        report = worker_report(payload, target.url, self._arity)
        if report is None:
            return
        for collector in self._live():
            if any(b.kind == report.kind for b in collector.worker_bindings):
                self._call(
                    page,
                    collector,
                    "on_worker_report",
                    collector.on_worker_report,
                    page,
                    target,
                    report,
                )

    def _on_shared_request(self, request: WorkerRequest) -> None:
        """A shared worker's request belongs to the latest visit on the worker's origin."""
        visit = self.book.visits.of_worker(request.worker.split(" ", 2)[-1])
        if visit is not None:
            visit.worker_requests.append(request)
        self.cookies.shared_request(request)

    def _on_shared_call(self, target: Target, payload: str) -> None:
        page = self.book.visits.worker_page(target.url)
        if page is not None:
            self.on_worker_call(page, target, payload)

    def begin(self, page: Page, url: str, depth: int, owned: bool = True) -> Visit:
        """Start recording a visit made by ``page`` (``owned``: the scanner drives it)."""
        visit = self.book.visits.begin(page, url, depth, owned)
        self._failures[visit] = []
        for collector in self._live():
            self._call(page, collector, "begin", collector.begin, page, visit)
        return visit

    async def before_choice(self, context: BrowserContext, visit: Visit) -> None:
        """The consent choice is about to be made during ``visit``."""
        for collector in self._live():
            work = collector.before_choice(context, visit)
            await self._guarded(collector, "before_choice", self._of(visit), work)

    async def before_click(self, page: Page, visit: Visit) -> tuple[ImpliedConsent, ...]:
        """The banner is shown, accept not yet clicked: the visitor's interaction once, and
        the consent the site inferred from it (collectors.visitor; a failure is recorded)."""
        if self._visitor is None or self._visitor.name in self._broken:
            return ()
        work = self._visitor.before_click(page, visit)
        found = await self._guarded(self._visitor, "before_click", self._of(visit), work)
        return found if isinstance(found, tuple) else ()

    async def act(self, page: Page, visit: Visit) -> Settle | None:
        """Let each collector act on the loaded page; the longest settle any asked for."""
        asked: list[Settle] = []
        for collector in self._live():
            settle = await self._guarded(
                collector, "act", self._of(visit), collector.act(page, visit)
            )
            if isinstance(settle, Settle):
                asked.append(settle)
        return max(asked, key=lambda s: s.limit_s, default=None)

    async def due_timers(self, page: Page, horizon_s: float) -> DueTimers:
        """The page's pending timers due within ``horizon_s`` (none when the hook is off)."""
        if self._timers is None or self._timers.name in self._broken:
            return DueTimers(None, 0)
        return await self._timers.due(page, horizon_s)

    async def end(self, page: Page, visit: Visit, live: bool) -> Fields:
        """End the visit: every collector's last reads (each bounded), then its fields, and
        the failures of the visit's collectors as ``collector_failures``."""
        failures = self._of(visit)
        for collector in self._live():
            bounded = asyncio.wait_for(collector.collect(page, visit, live), CLOSE_PAGE_S)
            await self._guarded(collector, "collect", failures, bounded)
        fields: Fields = {}
        for collector in self._live():
            try:
                fields.update(collector.data(page, visit))
            except Exception as exc:  # noqa: BLE001 - a collector's bug is recorded, not raised
                failures.append(_failure(collector, "data", exc))
        self.book.visits.end(page, visit)
        fields["collector_failures"] = tuple(self._failures.pop(visit, ()))
        return fields

    async def finish(self, context: BrowserContext) -> Fields:
        """End the state: every collector's state fields (each bounded)."""
        fields: Fields = {}
        for collector in self._live():
            bounded = asyncio.wait_for(collector.finish(context), CLOSE_PAGE_S)
            found = await self._guarded(collector, "finish", self._state_failures, bounded)
            if isinstance(found, dict):
                fields.update(found)
        return fields

    def _live(self) -> list[Collector]:
        return [c for c in self.collectors if c.name not in self._broken]

    def _of(self, visit: Visit) -> list[CollectorFailure]:
        return self._failures.setdefault(visit, [])

    async def _guarded(
        self, collector: Collector, step: str, failures: list[CollectorFailure], work: Awaitable[T]
    ) -> T | bool:
        """Await one collector step; a failure is recorded and the visit goes on (False)."""
        try:
            result = await work
        except Exception as exc:  # noqa: BLE001 - recorded on the visit, never ends it
            failures.append(_failure(collector, step, exc))
            return False
        return True if result is None else result

    def _call(
        self, page: Page, collector: Collector, step: str, handler: Callable[..., None], *args: Any
    ) -> None:
        """Call one collector's event handler; a failure is recorded on the page's visit."""
        try:
            handler(*args)
        except Exception as exc:  # noqa: BLE001 - recorded on the visit, never ends it
            visit = self.book.visits.of(page)
            target = self._of(visit) if visit is not None else self._state_failures
            if len(target) < MAX_FAILURES:
                target.append(_failure(collector, step, exc))


MAX_FAILURES = 20  # per visit, for a collector failing on every event


def _failure(collector: Collector, step: str, exc: BaseException) -> CollectorFailure:
    message = first_line(exc) if not isinstance(exc, TimeoutError) else "timed out"
    return CollectorFailure(collector.name or type(collector).__name__, step, message)
