"""What storage rules share: the judged item, its declaration, its subject and evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from scanner.model import (
    Classification,
    ConsentState,
    KnownFact,
    StateResult,
    StorageDeclaration,
    StorageRecord,
)
from scanner.rules.context import RuleContext


@dataclass(slots=True)
class Sighting:
    """The first record of one storage item among the matching ones, with every state and
    page it was seen in."""

    result: StateResult
    record: StorageRecord
    states: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def storage_verdict(ctx: RuleContext, record: StorageRecord) -> Classification:
    """The item's classification, as the judge stage decided it."""
    return ctx.judgement.storage_key(record)


def storage_known(ctx: RuleContext, record: StorageRecord) -> KnownFact | None:
    """What the knowledge confidently says of the item, declared or not."""
    judged = ctx.judgement.storage_class(record)
    return judged.known if judged else None


def storage_declaration(ctx: RuleContext, record: StorageRecord) -> StorageDeclaration | None:
    """The declaration covering the item, if any (as the judge stage matched it)."""
    line = storage_verdict(ctx, record).declared_line
    return next((d for d in ctx.declarations.storage if d.line == line), None)


def holds_data(record: StorageRecord) -> bool:
    """Whether the item stores anything: an empty IndexedDB store or cache holds no record."""
    return record.count != 0


def storage_of(
    ctx: RuleContext, states: Iterable[ConsentState] | None = None
) -> Iterator[tuple[StateResult, StorageRecord]]:
    """Every storage record that holds data (with its state), optionally of some states."""
    for result in ctx.states:
        if states is None or result.state in states:
            for record in result.storage():
                if holds_data(record):
                    yield result, record


def sightings(
    pairs: Iterable[tuple[StateResult, StorageRecord]],
) -> dict[tuple[str, str, str], Sighting]:
    """One sighting per item (origin, kind, key): the first record, every state and page."""
    seen: dict[tuple[str, str, str], Sighting] = {}
    for result, record in pairs:
        sighting = seen.setdefault(record.identity, Sighting(result, record))
        if result.state.value not in sighting.states:
            sighting.states.append(result.state.value)
        if record.page_url not in sighting.pages:
            sighting.pages.append(record.page_url)
    return seen


def storage_subject(record: StorageRecord) -> str:
    """How a storage item is named in findings: key @ origin (kind)."""
    return f"{record.key} @ {record.origin} ({record.kind.value})"


def storage_fields(
    record: StorageRecord, declared: StorageDeclaration | None
) -> dict[str, str | int | None]:
    """The finding fields naming a storage item and its declared line."""
    return {
        "storage_key": record.key,
        "storage_origin": record.origin,
        "storage_kind": record.kind.value,
        "declaration_line": declared.line if declared else None,
    }


def storage_evidence(sighting: Sighting) -> list[tuple[str, str]]:
    """The facts about a storage item every storage finding shows."""
    record = sighting.record
    size = (
        [("value_length", str(record.value_length))]
        if record.count is None
        else [("count", str(record.count))]
    )
    writer = (
        [("writer", record.writer), ("writer_frame", record.writer_frame or "unknown")]
        if record.writer
        else [("writer", "unknown"), ("writer_unknown", record.writer_unknown or "not recorded")]
    )
    return [
        ("storage", record.kind.value),
        ("origin", record.origin),
        ("party", record.party.value),
        *([("partition", record.partition)] if record.partition else []),
        *size,
        *writer,
        ("phase", record.phase.value),
        ("written_phase", record.written_phase.value if record.written_phase else "unknown"),
        ("pages", ", ".join(sighting.pages)),
        ("states", ", ".join(sighting.states)),
    ]


def matching(
    ctx: RuleContext,
    keep: Callable[[StateResult, StorageRecord], bool],
    states: Iterable[ConsentState] | None = None,
) -> dict[tuple[str, str, str], Sighting]:
    """Sightings of the items (holding data) whose records ``keep`` accepts."""
    return sightings((r, s) for r, s in storage_of(ctx, states) if keep(r, s))
