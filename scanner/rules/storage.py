"""Storage rules: before consent, after "reject all", undeclared and miscategorized storage."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.judge.verdicts import CONSENT_CATEGORIES
from scanner.model import Confidence, ConsentState, Finding, Phase, StateResult, StorageRecord
from scanner.model.findings import finding
from scanner.rules.context import RuleContext, before_consent
from scanner.rules.cookies import LENIENT_CATEGORIES
from scanner.rules.storage_context import (
    matching,
    storage_declaration,
    storage_evidence,
    storage_fields,
    storage_known,
    storage_subject,
    storage_verdict,
)

AREA = {
    "localStorage": "localStorage key",
    "sessionStorage": "sessionStorage key",
    "indexedDB": "IndexedDB store",
    "cacheStorage": "Cache Storage cache",
}


def _named(record: StorageRecord) -> str:
    return f"{AREA[record.kind.value]} '{record.key}' on {record.origin}"


def _non_necessary(ctx: RuleContext, record: StorageRecord) -> bool:
    return storage_verdict(ctx, record).non_necessary


def _present_before_choice(result: StateResult, record: StorageRecord) -> bool:
    """Seen before any choice, or written before the choice (the hooks saw when)."""
    return before_consent(result, record.phase) or record.written_phase is Phase.BEFORE_CONSENT


def undeclared_storage(ctx: RuleContext) -> Iterator[Finding]:
    """Storage items that hold data and that no declaration covers, with what is known of them."""
    found = matching(ctx, lambda _r, s: storage_declaration(ctx, s) is None)
    for sighting in found.values():
        record, verdict = sighting.record, storage_verdict(ctx, sighting.record)
        yield finding(
            "undeclared_storage", sighting.result.state, record.page_url, storage_subject(record),
            f"{_named(record)} ({record.party.value} party) is written but not declared.",
            [*storage_evidence(sighting), *verdict.evidence()],
            **storage_fields(record, None),
        )  # fmt: skip


def miscategorized_storage(ctx: RuleContext) -> Iterator[Finding]:
    """Declarations filing a known analytics / advertising storage item as necessary or
    functional (a confident known fact only)."""

    def lenient(_r: StateResult, s: StorageRecord) -> bool:
        declared = storage_declaration(ctx, s)
        return declared is not None and declared.category in LENIENT_CATEGORIES

    for sighting in matching(ctx, lenient).values():
        record = sighting.record
        known, declared = storage_known(ctx, record), storage_declaration(ctx, record)
        if known is None or known.confidence is Confidence.LOW or declared is None:
            continue
        if known.category not in CONSENT_CATEGORIES:
            continue
        yield finding(
            "miscategorized_storage", sighting.result.state, record.page_url,
            storage_subject(record),
            f"{_named(record)} is declared {declared.category.value}, but it is known as "
            f"{known.category.value} ({known.vendor or 'unknown vendor'}).",
            [("declared_category", declared.category.value), ("known_vendor", known.vendor),
             ("known_category", known.category.value), ("classification_source", known.source),
             *storage_evidence(sighting)],
            **storage_fields(record, declared),
        )  # fmt: skip


def storage_before_consent(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary storage written before any consent choice."""
    found = matching(ctx, lambda r, s: _present_before_choice(r, s) and _non_necessary(ctx, s))
    for sighting in found.values():
        record = sighting.record
        yield finding(
            "storage_before_consent", sighting.result.state, record.page_url,
            storage_subject(record),
            f"Non-necessary {_named(record)} was written before the visitor made a consent "
            "choice.",
            [*storage_evidence(sighting), *storage_verdict(ctx, record).evidence()],
            **storage_fields(record, storage_declaration(ctx, record)),
        )  # fmt: skip


def storage_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary storage present after "reject all": written after the refusal, or
    written before it and kept (the hooks saw the write before the choice)."""

    def kept_or_written(r: StateResult, s: StorageRecord) -> bool:
        after = r.consent.applied and s.phase is Phase.AFTER_CONSENT
        return after and _non_necessary(ctx, s)

    found = matching(ctx, kept_or_written, (ConsentState.REJECT,))
    for sighting in found.values():
        record = sighting.record
        kept = record.written_phase is Phase.BEFORE_CONSENT
        how = (
            ("kept_from_before_choice", "written before the choice, still present after it")
            if kept
            else ("written_after_choice", "written after the refusal" if record.written_phase
                  else "present after the refusal (no write seen: when it was written is unknown)")
        )  # fmt: skip
        verb = "was written before the choice and kept" if kept else "was present"
        yield finding(
            "storage_after_reject", sighting.result.state, record.page_url,
            storage_subject(record),
            f"Non-necessary {_named(record)} {verb} after the visitor rejected cookies.",
            [*storage_evidence(sighting), how, *storage_verdict(ctx, record).evidence()],
            **storage_fields(record, storage_declaration(ctx, record)),
        )  # fmt: skip


STORAGE_RULES = (
    undeclared_storage,
    miscategorized_storage,
    storage_before_consent,
    storage_after_reject,
)
