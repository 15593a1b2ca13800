"""Read every frame's storage: web storage keys, IndexedDB stores and caches, never values."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from importlib import resources
from typing import Any

from playwright.async_api import Error, Frame, Page

from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import StorageKind

MAX_KEYS = 1000
MAX_KEY_LENGTH = 300
STEP_MS = 2000
FRAME_LIMIT_S = 6.0
READ_SCRIPT = resources.files(__package__).joinpath("read.js").read_text(encoding="utf-8")
_AREAS = (
    (StorageKind.LOCAL, "local"),
    (StorageKind.SESSION, "session"),
    (StorageKind.INDEXEDDB, "idb"),
    (StorageKind.CACHE, "caches"),
)


@dataclass(frozen=True, slots=True)
class StoredItem:
    """One storage item in one frame's origin: a key, an IndexedDB store or a cache.

    ``size`` is a value's length (web storage) and ``count`` the records or entries (IndexedDB,
    Cache Storage); ``partition`` the top-level site when the frame is cross-site.
    """

    origin: str
    kind: StorageKind
    key: str
    size: int
    count: int | None
    frame_url: str
    partition: str | None


def site_of(url: str) -> str:
    """The site of a URL as storage partitioning uses it: scheme and registrable domain."""
    scheme = url.split(":", 1)[0]
    return f"{scheme}://{registrable_domain(host_of(url))}"


async def read_all(page: Page) -> list[StoredItem]:
    """Storage items of every http(s) frame of ``page``, third-party frames included."""
    top = site_of(page.url) if page.url.startswith(("http://", "https://")) else None
    frames = [f for f in page.frames if f.url.startswith(("http://", "https://"))]
    found = await asyncio.gather(*(_read_frame(f, top) for f in frames))
    return [item for items in found for item in items]


async def _read_frame(frame: Frame, top: str | None) -> list[StoredItem]:
    """One frame's items; a frame that went away or blocks storage gives none."""
    limits = {"maxKeys": MAX_KEYS, "maxKeyLength": MAX_KEY_LENGTH, "stepMs": STEP_MS}
    try:
        found = await asyncio.wait_for(frame.evaluate(READ_SCRIPT, limits), FRAME_LIMIT_S)
    except (Error, TimeoutError):
        return []
    return items_of(found, frame.url, top) if isinstance(found, dict) else []


def items_of(found: dict[str, Any], frame_url: str, top: str | None) -> list[StoredItem]:
    """The items a frame's reading returned (the page controls it: checked and bounded)."""
    origin = str(found.get("origin", ""))[:MAX_KEY_LENGTH]
    if not origin.startswith(("http://", "https://")):
        return []
    partition = top if top is not None and site_of(origin) != top else None
    items = []
    for kind, field in _AREAS:
        for pair in list(found.get(field) or [])[:MAX_KEYS]:
            if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], int):
                size, count = (pair[1], None) if field in ("local", "session") else (0, pair[1])
                key = str(pair[0])[:MAX_KEY_LENGTH]
                items.append(StoredItem(origin, kind, key, size, count, frame_url, partition))
    return items
