"""The storage collector of one state: installs the write hooks, reads, attributes, records."""

from __future__ import annotations

import time
from importlib import resources
from typing import Any

from playwright.async_api import BrowserContext, Page

from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import Visit
from scanner.crawl.collectors.base import Collector, Fields
from scanner.crawl.collectors.storage.attribution import attribute
from scanner.crawl.collectors.storage.read import read_all
from scanner.crawl.collectors.storage.writes import StorageWrites, parse_write
from scanner.crawl.devtools.targets import Target
from scanner.crawl.devtools.worker_hooks import WorkerBinding, WorkerReport
from scanner.knowledge.domains import host_of
from scanner.model import Party, Phase, StorageRecord

STORAGE_BINDING = "__cookiescan_storage"
HOOKS_SCRIPT = (
    resources.files("scanner.crawl.collectors.storage").joinpath("hooks.js").read_text("utf-8")
)
WORKER_ARGS = 5  # kind, key, caller, href (the worker's URL), at


class StorageCollector(Collector):
    """Storage writes and items of one consent state's browser, as records.

    An item is recorded the first time it is seen in each phase (before / after the choice),
    so a key written before "reject all" and still present after it is recorded again.
    """

    name = "storage"
    worker_script = HOOKS_SCRIPT
    worker_bindings = (WorkerBinding(STORAGE_BINDING, "storage", WORKER_ARGS),)

    def __init__(self, book: StateBook) -> None:
        self._book = book
        self._writes = StorageWrites()
        self._seen: set[tuple[str, str, str, Phase]] = set()
        self._records: dict[Visit, tuple[StorageRecord, ...]] = {}

    async def attach(self, context: BrowserContext) -> None:
        """Report every frame's storage writes through a binding, hooked before page code."""
        await context.expose_binding(STORAGE_BINDING, self.frame_write)
        await context.add_init_script(script=HOOKS_SCRIPT)

    def frame_write(
        self, source: dict[str, Any], kind: object, key: object, caller: object, href: object,
        at_ms: object,
    ) -> None:  # fmt: skip
        """A write reported by the hooks in a frame (``href`` is the frame's URL)."""
        self._writes.add(parse_write(kind, key, caller, href, at_ms, None))

    def on_worker_report(self, page: Page, target: Target, report: WorkerReport) -> None:
        """A write reported by the hooks in a worker (the href is the worker's URL)."""
        if report.kind == "storage":
            self.worker_write(report.args, target.worker)

    def worker_write(self, args: tuple[object, ...], worker: str | None) -> None:
        """A write reported by the hooks in a worker (``args`` as worker_hooks checked them,
        the href replaced by the worker's URL); ``worker`` names it."""
        if len(args) == WORKER_ARGS:
            kind, key, caller, href, at_ms = args
            self._writes.add(parse_write(kind, key, caller, href, at_ms, worker or str(href)))

    async def collect(self, page: Page, visit: Visit, live: bool) -> None:
        """Read every frame's storage while the page still shows it."""
        if live:
            self._records[visit] = await self.records(page, visit.url)

    def data(self, page: Page, visit: Visit) -> Fields:
        """The storage items the visit added."""
        return {"storage": self._records.pop(visit, ())}

    async def records(self, page: Page, page_url: str) -> tuple[StorageRecord, ...]:
        """Items of every frame of ``page`` not yet recorded in this phase, with their writer."""
        read_at = time.time()
        items = await read_all(page)
        found = attribute(
            items, self._writes.all(), self._party_of, self._book.phase, read_at, page_url
        )
        fresh = []
        for record in found:
            seen = (*record.identity, record.phase)
            if seen not in self._seen:
                self._seen.add(seen)
                fresh.append(record)
        return tuple(fresh)

    def _party_of(self, origin: str) -> Party:
        return self._book.party(host_of(origin))
