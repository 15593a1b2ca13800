"""Classifying one storage item (web storage key, IndexedDB store, cache) like a cookie.

Policy: a declaration (``type:`` local_storage, ...) always wins; else a known SDK pattern
(knowledge/data/known_storage.json); else a confident Open Cookie Database entry for the key
on its origin's host (the database lists storage keys too); else by party: an unknown
third-party item is non-necessary, an unknown first-party one unclassified (for review).
"""

from __future__ import annotations

from scanner.judge.verdicts import CONSENT_CATEGORIES, confident_entry, known_cookie
from scanner.knowledge import KnowledgeBase
from scanner.knowledge.domains import host_of
from scanner.knowledge.storage import KnownStorage, known_storage
from scanner.model import (
    Basis,
    Category,
    Classification,
    Confidence,
    KnownFact,
    Party,
    StorageDeclaration,
    StorageRecord,
)

UNKNOWN_FIRST = "first party, not in the knowledge base: for review"
UNKNOWN_THIRD = "third party, not in the knowledge base: treated as non-necessary"


def classify_storage(
    record: StorageRecord, declared: StorageDeclaration | None, kb: KnowledgeBase | None
) -> Classification:
    """Declared category, else a known fact, else third party / unclassified."""
    if declared is not None:
        consent = declared.category is not Category.NECESSARY
        source = f"declared at line {declared.line}"
        return Classification(
            declared.category, Basis.DECLARED, consent, source, declared.provider,
            declared.line, Confidence.HIGH,
        )  # fmt: skip
    known = known_storage_fact(record, kb)
    if known is not None:
        third = record.party is Party.THIRD and known.category is not Category.NECESSARY
        consent = known.category in CONSENT_CATEGORIES or third
        return Classification(
            known.category, Basis.KNOWN, consent, known.source, known.vendor, None,
            known.confidence,
        )  # fmt: skip
    if record.party is Party.THIRD:
        return Classification(Category.UNKNOWN, Basis.THIRD_PARTY, True, UNKNOWN_THIRD)
    return Classification(Category.UNKNOWN, Basis.UNCLASSIFIED, False, UNKNOWN_FIRST)


def known_storage_fact(record: StorageRecord, kb: KnowledgeBase | None) -> KnownFact | None:
    """What the knowledge says of a storage item: a known SDK pattern, else the Open Cookie
    Database (which lists storage keys by name), whatever its declaration says."""
    pattern = known_storage(record.kind, record.key)
    if pattern is not None:
        return _fact_of(pattern)
    host = host_of(record.origin)
    if confident_entry(kb, record.key, host) is None:
        return None
    return known_cookie(kb, record.key, host)


def _fact_of(pattern: KnownStorage) -> KnownFact:
    confidence = Confidence.HIGH if pattern.exact else Confidence.MEDIUM
    return KnownFact(pattern.vendor, pattern.category, pattern.source, confidence)
