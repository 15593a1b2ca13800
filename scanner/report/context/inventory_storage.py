"""The storage part of the inventory: every storage item by state, with writer and declaration."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.model import (
    ConsentState,
    KnownFact,
    Party,
    Phase,
    ScanResult,
    StorageRecord,
)

SEEN_BEFORE = "before consent"
SEEN_AFTER = "after consent"
KEPT = "kept (before consent)"


@dataclass(frozen=True, slots=True)
class StorageRow:
    """One storage item (origin, kind, key) across the scanned states.

    ``cells``: per state, when it was there (before consent, after, or kept from before);
    ``size``: a value's length or a store's / cache's entries (also as ``count`` /
    ``length``); ``writer`` the script that wrote it (or why unknown); ``known`` what the
    knowledge says of it.
    """

    origin: str
    kind: str
    key: str
    party: Party
    cells: tuple[str, ...]
    size: str = ""
    writer: str = ""
    writer_frame: str = ""
    partition: str = ""
    declared_category: str | None = None
    declared_line: int | None = None
    known: KnownStorage | None = None
    count: int | None = None  # a store's or cache's entries (None: a web storage value)
    length: int = 0  # a web storage value's length


@dataclass(frozen=True, slots=True)
class KnownStorage:
    """What the knowledge says of a storage item: vendor, category and source."""

    vendor: str
    category: str
    source: str


def storage_rows(result: ScanResult, states: tuple[ConsentState, ...]) -> tuple[StorageRow, ...]:
    """Every storage item of the scan, in a stable order, with its judgement."""
    grouped: dict[tuple[str, str, str], dict[ConsentState, list[StorageRecord]]] = {}
    first: dict[tuple[str, str, str], StorageRecord] = {}
    for state in result.states:
        for record in state.storage():
            grouped.setdefault(record.identity, {}).setdefault(state.state, []).append(record)
            first.setdefault(record.identity, record)
    return tuple(
        _row(result, first[key], tuple(_cell(by_state.get(s, [])) for s in states))
        for key, by_state in sorted(grouped.items())
    )


def _cell(records: list[StorageRecord]) -> str:
    if not records:
        return ""
    if any(r.phase is Phase.BEFORE_CONSENT for r in records):
        return SEEN_BEFORE
    written = {r.written_phase for r in records}
    return KEPT if Phase.BEFORE_CONSENT in written else SEEN_AFTER


def _row(result: ScanResult, record: StorageRecord, cells: tuple[str, ...]) -> StorageRow:
    judged = result.judgement.storage_class(record)
    verdict = judged.classification if judged else None
    size = f"{record.count} entries" if record.count is not None else f"{record.value_length} chars"
    declared = verdict.declared_line if verdict else None
    return StorageRow(
        record.origin, record.kind.value, record.key, record.party, cells, size,
        record.writer or f"unknown: {record.writer_unknown or 'not recorded'}",
        record.writer_frame or "", record.partition or "",
        verdict.category.value if verdict and declared else None, declared,
        _known(judged.known if judged else None), record.count, record.value_length,
    )  # fmt: skip


def _known(fact: KnownFact | None) -> KnownStorage | None:
    return None if fact is None else KnownStorage(fact.vendor, fact.category.value, fact.source)
