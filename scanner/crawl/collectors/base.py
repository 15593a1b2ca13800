"""The one lifecycle every collector follows, in the order a visit calls it.

A collector records one signal. The recorder (record.recorder) drives each through:

- ``attach(context)``: once per browser context, install bindings, init scripts, listeners;
- ``worker_script`` and ``worker_bindings``: JavaScript evaluated in every worker at its
  start, and the page bindings it calls (forwarded to the worker binding, see
  devtools.worker_hooks);
- ``on_devtools(page, method, params, target)``: each DevTools event of a page and of the
  targets it created (iframes in their own process, workers; ``target`` None for the page);
- ``on_worker_report(page, target, report)``: a report of the hooks running in a worker;
- ``begin(page, visit)``: a page visit starts;
- ``before_choice(context, visit)``: the consent choice is about to be made on this page;
- ``act(page, visit)``: the page has loaded and settled; act as a visitor would (type,
  scroll) and say how long to settle again, if at all;
- ``collect(page, visit, live)``: the visit is ending; make the last reads (the jar, the
  storage, leaving the page; ``live``: the page can still be read), bounded in time;
- ``data(page, visit)``: give what was collected as the observation's fields (never waits,
  so what was collected before a failed or slow ``collect`` is still given);
- ``finish(context)``: the state ends; give the state result's fields.

Every method has a default that does nothing, so a collector implements only what it needs.
A collector that raises is recorded on the visit (which collector, what went wrong) and the
visit goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from playwright.async_api import BrowserContext, Page

from scanner.crawl.book.visit import Visit
from scanner.crawl.devtools.targets import Target
from scanner.crawl.devtools.worker_hooks import WorkerBinding, WorkerReport

Fields = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Settle:
    """How long a page should be given again after a collector acted on it."""

    quiet_s: float
    limit_s: float


class Collector:
    """One signal's collector; see the module docstring for the lifecycle."""

    name: ClassVar[str] = ""
    worker_script: ClassVar[str] = ""
    worker_bindings: ClassVar[tuple[WorkerBinding, ...]] = ()  # what ``worker_script`` calls
    act_limit_s: ClassVar[float] = 0.0  # the longest settle ``act`` may ask for

    async def attach(self, context: BrowserContext) -> None:
        """Install what this collector needs in a fresh context."""

    def on_devtools(
        self, page: Page, method: str, params: dict[str, Any], target: Target | None
    ) -> None:
        """One DevTools event of ``page`` or of a target it created."""

    def on_worker_report(self, page: Page, target: Target, report: WorkerReport) -> None:
        """One report of the hooks in a worker that ``page`` created (or owns)."""

    def begin(self, page: Page, visit: Visit) -> None:
        """A visit of ``page`` starts."""

    async def before_choice(self, context: BrowserContext, visit: Visit) -> None:
        """The consent choice is about to be made during ``visit``."""

    async def act(self, page: Page, visit: Visit) -> Settle | None:
        """The page is loaded: act on it if this collector needs to; how long to settle."""
        return None

    async def collect(self, page: Page, visit: Visit, live: bool) -> None:
        """The visit is ending: the last reads (``live``: the page can still be read)."""

    def data(self, page: Page, visit: Visit) -> Fields:
        """This collector's fields of the visit's observation."""
        return {}

    async def finish(self, context: BrowserContext) -> Fields:
        """The state ends: this collector's fields of the state result."""
        return {}
