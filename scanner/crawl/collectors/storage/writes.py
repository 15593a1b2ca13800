"""The storage writes the hooks reported, checked (the page controls them) and kept per state."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from scanner.model import StorageKind

MAX_TEXT = 2000
MAX_WRITES = 20_000
_KINDS = {kind.value: kind for kind in StorageKind}


@dataclass(frozen=True, slots=True)
class StorageWrite:
    """One write the hooks saw: where (origin, kind, key), by which script, in which frame.

    ``frame`` is the frame's URL, or ``service worker <script URL>`` (dedicated, shared) for a
    worker; ``at`` is in seconds since the epoch.
    """

    origin: str
    kind: StorageKind
    key: str
    script: str | None
    frame: str
    at: float


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL, else ``None``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


def parse_write(
    kind: object, key: object, caller: object, href: object, at_ms: object, frame: str | None
) -> StorageWrite | None:
    """A hook's report as a write; ``None`` when it is malformed or not from an http(s) page.

    ``frame`` names a worker (its ``href`` is then the worker's script URL); ``None`` for a
    frame, named by its ``href``.
    """
    area = _KINDS.get(str(kind))
    origin = origin_of(str(href))
    if area is None or origin is None or not isinstance(at_ms, int | float):
        return None
    script = str(caller)[:MAX_TEXT] or None
    where = frame or str(href)[:MAX_TEXT]
    return StorageWrite(origin, area, str(key)[:MAX_TEXT], script, where, float(at_ms) / 1000)


class StorageWrites:
    """Every storage write one state's browser reported, in order (bounded)."""

    def __init__(self) -> None:
        self._writes: list[StorageWrite] = []

    def add(self, write: StorageWrite | None) -> None:
        """Keep a write (malformed reports and those over the bound are dropped)."""
        if write is not None and len(self._writes) < MAX_WRITES:
            self._writes.append(write)

    def all(self) -> tuple[StorageWrite, ...]:
        """The writes seen so far."""
        return tuple(self._writes)
