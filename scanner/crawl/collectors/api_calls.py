"""The API-call collector: calls to fingerprinting- and recording-relevant browser APIs, as
reported by the ``api_calls.js`` init script in every frame and worker, into the visit's book."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from playwright.async_api import BrowserContext, Page

from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import ApiCall
from scanner.crawl.collectors.base import Collector
from scanner.crawl.devtools.targets import Target
from scanner.crawl.devtools.worker_hooks import WorkerBinding, WorkerReport

API_BINDING = "__cookiescan_api"
API_SCRIPT = resources.files("scanner.crawl.collectors").joinpath("api_calls.js").read_text("utf-8")
_MAX_DETAIL = 4000


def api_call_of(
    api: object, caller: object, detail: object, href: object, at_ms: object
) -> ApiCall:
    """Validate the binding's arguments (the page controls them) into an ``ApiCall``."""
    try:
        parsed = json.loads(str(detail)[:_MAX_DETAIL])
    except (ValueError, RecursionError):
        parsed = {}
    items = tuple(sorted(parsed.items())) if isinstance(parsed, dict) else ()
    try:
        at = float(str(at_ms)) / 1000.0
    except ValueError:
        at = 0.0
    return ApiCall(str(api)[:64], str(caller)[:2000], items, str(href)[:2000], at)


class ApiCallsCollector(Collector):
    """Puts each API call of a page (its frames and the workers it owns) into its visit."""

    name = "api_calls"
    worker_script = API_SCRIPT
    worker_bindings = (WorkerBinding(API_BINDING, "api", 5),)

    def __init__(self, book: StateBook) -> None:
        self._book = book

    async def attach(self, context: BrowserContext) -> None:
        """The API instrumentation in every frame."""
        await context.expose_binding(API_BINDING, self._on_call)
        await context.add_init_script(script=API_SCRIPT)

    def _on_call(self, source: dict[str, Any], *args: object) -> None:
        self._add(source.get("page"), args)

    def on_worker_report(self, page: Page, target: Target, report: WorkerReport) -> None:
        """An API call in a worker: its page's, when that page's visit owns the worker."""
        if report.kind == "api" and self._book.visits.owns(page, target):
            self._add(page, report.args)

    def _add(self, page: Page | None, args: tuple[object, ...]) -> None:
        visit = self._book.visits.of(page)
        if visit is not None and len(args) == 5:
            visit.api_calls.append(api_call_of(*args))
