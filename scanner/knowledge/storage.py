"""Storage keys the major SDKs write (data/known_storage.json): pattern, kinds, vendor, category."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources

from scanner.model import Category, StorageKind

DATA_FILE = "known_storage.json"


@dataclass(frozen=True, slots=True)
class KnownStorage:
    """One known storage key pattern (a glob) of one vendor."""

    pattern: str
    kinds: tuple[StorageKind, ...]
    vendor: str
    category: Category
    source: str

    @property
    def exact(self) -> bool:
        """Whether the pattern is a literal key rather than a glob."""
        return not any(c in self.pattern for c in "*?[")


@cache
def storage_patterns() -> tuple[KnownStorage, ...]:
    """Every bundled pattern, in file order."""
    text = resources.files("scanner.knowledge.data").joinpath(DATA_FILE).read_text("utf-8")
    data = json.loads(text)
    source = str(data["version"])
    return tuple(
        KnownStorage(
            str(e["pattern"]),
            tuple(StorageKind(k) for k in e["kinds"]),
            str(e["vendor"]),
            Category(e["category"]),
            source,
        )
        for e in data["entries"]
    )


def known_storage(kind: StorageKind, key: str) -> KnownStorage | None:
    """The pattern a key of ``kind`` fits: a literal before a glob, then file order."""
    hits = [p for p in storage_patterns() if kind in p.kinds and fnmatchcase(key, p.pattern)]
    return min(hits, key=lambda p: not p.exact) if hits else None


def storage_lines(term: str) -> list[str]:
    """The lines ``cookiescan explain`` prints for a storage key of a known SDK (every kind
    it is known in; IndexedDB keys as ``database/store``)."""
    term = term.strip()
    hits: dict[KnownStorage, list[str]] = {}
    for kind in StorageKind:
        found = known_storage(kind, term)
        if found is not None:
            hits.setdefault(found, []).append(kind.value)
    lines = []
    for entry, kinds in hits.items():
        how = "exact key" if entry.exact else f"pattern '{entry.pattern}'"
        lines += [
            f"Storage '{term}' ({', '.join(kinds)}): {entry.vendor}, {entry.category} ({how})",
            f"  declare with type: {StorageKind(kinds[0]).declared_type}; source: {entry.source}",
        ]
    return lines
