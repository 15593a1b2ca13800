"""Effective category of a cookie or request: declared, else known, else by party.

Policy (what the knowledge base may decide on its own):

* A declaration always wins: its category is the site's own statement.
* A known cookie (Open Cookie Database) counts when the match is confident: an exact name or
  a prefix of at least ``MIN_PREFIX`` characters, and either the entry names no domain, its
  domain fits the cookie's, or the name is distinctive (holds a non-letter, as ``_fbp`` does).
  Generic names on another site's domain (``sessionid``, ``lang``) are not judged by the
  entry of some other vendor.
* A known analytics / advertising cookie needs consent even when first party; a known
  necessary one never does; a known functional one does only when third party (as any
  undeclared third party does).
* A known tracker domain or a filter-list hit gives a request its category; only a known
  necessary one (a CDN) may load before consent.
* Otherwise a third party is treated as non-necessary and a first-party cookie is
  "unclassified": listed for review, never a violation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from scanner.knowledge import KnowledgeBase, KnownCookie, MatchKind
from scanner.knowledge.cookies import domain_score
from scanner.model import (
    Category,
    CookieDeclaration,
    CookieRecord,
    Party,
    RequestRecord,
    ThirdPartyDeclaration,
)

MIN_PREFIX = 4
CONSENT_CATEGORIES = frozenset({Category.ANALYTICS, Category.ADVERTISING})
FILTER_LIST_CATEGORIES = {"easyprivacy": Category.ANALYTICS, "easylist": Category.ADVERTISING}
_NON_LETTER = re.compile(r"[^A-Za-z]")


class Basis(StrEnum):
    """What decided a verdict."""

    DECLARED = "declared"
    KNOWN = "known"
    THIRD_PARTY = "third_party"
    UNCLASSIFIED = "unclassified"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The effective category of one cookie or request, and where it came from."""

    category: Category
    basis: Basis
    non_necessary: bool
    source: str
    vendor: str = ""

    def evidence(self) -> list[tuple[str, str]]:
        """Evidence lines naming the category, the vendor and the source of the verdict."""
        if self.basis is Basis.KNOWN:
            return [
                ("known_vendor", self.vendor or "unknown"),
                ("known_category", self.category.value),
                ("classification_source", self.source),
            ]
        shown = "unclassified" if self.basis is Basis.UNCLASSIFIED else self.category.value
        return [("category", shown), ("classification_source", self.source)]


def confident_entry(kb: KnowledgeBase | None, name: str, domain: str) -> KnownCookie | None:
    """The knowledge-base entry for a cookie, when it is confident enough to judge by."""
    entry = kb.cookie(name, domain) if kb is not None else None
    if entry is None or entry.category is Category.UNKNOWN:
        return None
    if entry.match is MatchKind.PREFIX and len(entry.pattern) < MIN_PREFIX:
        return None
    if domain_score(entry, domain) == 0 and not _NON_LETTER.search(name):
        return None
    return entry


def classify_cookie(
    cookie: CookieRecord, declared: CookieDeclaration | None, kb: KnowledgeBase | None
) -> Verdict:
    """Declared category, else a confident known one, else third party / unclassified."""
    if declared is not None:
        source = f"declared at line {declared.line}"
        return Verdict(
            declared.category,
            Basis.DECLARED,
            declared.category is not Category.NECESSARY,
            source,
            declared.provider,
        )
    known = confident_entry(kb, cookie.name, cookie.domain)
    if known is not None:
        third = cookie.party is Party.THIRD and known.category is not Category.NECESSARY
        consent = known.category in CONSENT_CATEGORIES or third
        return Verdict(known.category, Basis.KNOWN, consent, known.source, known.vendor)
    if cookie.party is Party.THIRD:
        reason = "third party, not in the knowledge base: treated as non-necessary"
        return Verdict(Category.UNKNOWN, Basis.THIRD_PARTY, True, reason)
    reason = "first party, not in the knowledge base: for review"
    return Verdict(Category.UNKNOWN, Basis.UNCLASSIFIED, False, reason)


def classify_request(
    request: RequestRecord, declared: ThirdPartyDeclaration | None, kb: KnowledgeBase | None
) -> Verdict:
    """Declared category, else known tracker / filter-list category, else by party."""
    if declared is not None:
        consent = declared.category is not Category.NECESSARY
        source = f"declared at line {declared.line}"
        return Verdict(declared.category, Basis.DECLARED, consent, source, declared.provider)
    known = _known_request(request, kb)
    if known is not None:
        return known
    if request.party is Party.THIRD:
        reason = "third party, not in the knowledge base: treated as non-necessary"
        return Verdict(Category.UNKNOWN, Basis.THIRD_PARTY, True, reason)
    return Verdict(Category.UNKNOWN, Basis.UNCLASSIFIED, False, "first party")


def _known_request(request: RequestRecord, kb: KnowledgeBase | None) -> Verdict | None:
    """A verdict from the tracker list, then from the filter lists; ``None`` when unknown."""
    if kb is None:
        return None
    third = request.party is Party.THIRD
    tracker = kb.tracker(request.host)
    if tracker is not None:
        consent = third and tracker.category is not Category.NECESSARY
        return Verdict(tracker.category, Basis.KNOWN, consent, tracker.source, tracker.organisation)
    hit = kb.filter_match(request.url, request.page_url, request.resource_type)
    if hit is None:
        return None
    category = FILTER_LIST_CATEGORIES.get(hit.list_name, Category.UNKNOWN)
    return Verdict(category, Basis.KNOWN, third, hit.source, "")
