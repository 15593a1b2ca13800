"""The storage collector: web storage keys (never values) of every frame, at most MAX_KEYS per
area, recorded the first time each is seen in a state."""

from __future__ import annotations

import time
from dataclasses import dataclass

from playwright.async_api import Error, Page

from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import Visit
from scanner.crawl.collectors.base import Collector, Fields
from scanner.knowledge.domains import host_of
from scanner.model import StorageKind, StorageRecord

MAX_KEYS = 1000
MAX_KEY_LENGTH = 300
_READ_STORAGE = f"""() => {{
  const read = (area) => {{
    const keys = [];
    try {{
      const store = window[area];
      for (let i = 0; i < Math.min(store.length, {MAX_KEYS}); i++) {{
        const key = store.key(i);
        keys.push([key.slice(0, {MAX_KEY_LENGTH}), (store.getItem(key) || "").length]);
      }}
    }} catch (e) {{ /* storage blocked in this frame */ }}
    return keys;
  }};
  const origin = location.origin;
  return {{ origin, local: read("localStorage"), session: read("sessionStorage") }};
}}"""


@dataclass(frozen=True, slots=True)
class StorageEntry:
    """One storage key in one frame's origin."""

    origin: str
    kind: StorageKind
    key: str
    value_length: int


async def read_storage(page: Page) -> list[StorageEntry]:
    """Storage keys of every http(s) frame of ``page``, including third-party frames."""
    entries: list[StorageEntry] = []
    for frame in page.frames:
        if not frame.url.startswith(("http://", "https://")):
            continue
        try:
            found = await frame.evaluate(_READ_STORAGE)
        except Error:
            continue
        for kind, field in ((StorageKind.LOCAL, "local"), (StorageKind.SESSION, "session")):
            for key, length in found.get(field, []):
                entries.append(StorageEntry(str(found["origin"]), kind, str(key), int(length)))
    return entries


class StorageCollector(Collector):
    """Web storage keys first seen in this state, per visit, in every frame of the page."""

    name = "storage"

    def __init__(self, book: StateBook) -> None:
        self._book = book
        self._seen: set[tuple[str, str, str]] = set()
        self._records: dict[Visit, tuple[StorageRecord, ...]] = {}

    async def collect(self, page: Page, visit: Visit, live: bool) -> None:
        """Read every frame's storage while the page still shows it."""
        if not live:
            return
        records = []
        phase = self._book.phase(time.time())
        for entry in await read_storage(page):
            key = (entry.origin, entry.kind.value, entry.key)
            if key in self._seen:
                continue
            self._seen.add(key)
            party = self._book.party(host_of(entry.origin))
            records.append(
                StorageRecord(
                    entry.origin, entry.kind, entry.key, entry.value_length, party, phase, visit.url
                )
            )
        self._records[visit] = tuple(records)

    def data(self, page: Page, visit: Visit) -> Fields:
        """The storage keys the visit added."""
        return {"storage": self._records.pop(visit, ())}
