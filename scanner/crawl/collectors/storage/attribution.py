"""Join what the storage reading found with the writes the hooks saw: writer, phase, party."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from scanner.crawl.collectors.storage.read import StoredItem
from scanner.crawl.collectors.storage.writes import StorageWrite
from scanner.model import Party, Phase, StorageRecord

NOT_HOOKED = "no hooked write seen (written before the hooks ran, by property assignment, by "
NOT_HOOKED += "an API the hooks do not watch, or past the hooks' 500 reports per frame)"
NO_STACK = "the write was seen, but no script URL was on its call stack (an inline handler or eval)"


def first_writes(writes: Iterable[StorageWrite]) -> dict[tuple[str, str, str], StorageWrite]:
    """The first write of every (origin, kind, key)."""
    first: dict[tuple[str, str, str], StorageWrite] = {}
    for write in writes:
        first.setdefault((write.origin, write.kind.value, write.key), write)
    return first


def attribute(
    items: Iterable[StoredItem],
    writes: Iterable[StorageWrite],
    party: Callable[[str], Party],
    phase: Callable[[float], Phase],
    read_at: float,
    page_url: str,
) -> list[StorageRecord]:
    """One record per item read, named with its first writer and the phase of that write.

    ``phase`` is when the item was seen present (the reading); ``written_phase`` in the record
    says when its first write was seen, so a key written before the choice and still present
    after it shows as kept. ``party`` takes an origin.
    """
    first = first_writes(writes)
    records = []
    for item in items:
        write = first.get((item.origin, item.kind.value, item.key))
        records.append(_record(item, write, party(item.origin), phase, read_at, page_url))
    return records


def _record(
    item: StoredItem,
    write: StorageWrite | None,
    party: Party,
    phase: Callable[[float], Phase],
    read_at: float,
    page_url: str,
) -> StorageRecord:
    unknown = None if write is not None and write.script else (NO_STACK if write else NOT_HOOKED)
    return StorageRecord(
        origin=item.origin,
        kind=item.kind,
        key=item.key,
        value_length=item.size,
        party=party,
        phase=phase(read_at),
        page_url=page_url,
        count=item.count,
        writer=write.script if write else None,
        writer_frame=write.frame if write else None,
        writer_unknown=unknown,
        partition=item.partition,
        written_phase=phase(write.at) if write else None,
    )
