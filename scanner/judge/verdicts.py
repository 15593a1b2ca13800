"""Classifying one cookie, host or URL: declared, else known, else by party (storage: storage.py).

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

from scanner.knowledge import EndpointSignature, KnowledgeBase, KnownCookie, MatchKind
from scanner.knowledge.cookies import domain_score
from scanner.model import (
    Basis,
    Category,
    Classification,
    Confidence,
    CookieDeclaration,
    CookieRecord,
    KnownFact,
    Party,
    RequestRecord,
    ThirdPartyDeclaration,
)

MIN_PREFIX = 4
CONSENT_CATEGORIES = frozenset({Category.ANALYTICS, Category.ADVERTISING})
FILTER_LIST_CATEGORIES = {"easyprivacy": Category.ANALYTICS, "easylist": Category.ADVERTISING}
_NON_LETTER = re.compile(r"[^A-Za-z]")


def confident_entry(kb: KnowledgeBase | None, name: str, domain: str) -> KnownCookie | None:
    """The knowledge-base entry for a cookie, when it is confident enough to judge by."""
    entry = kb.cookie(name, domain) if kb is not None else None
    return None if entry is None else confident_entry_of(entry, name, domain)


def classify_cookie(
    cookie: CookieRecord, declared: CookieDeclaration | None, kb: KnowledgeBase | None
) -> Classification:
    """Declared category, else a confident known one, else third party / unclassified."""
    if declared is not None:
        return _declared(declared.category, declared.line, declared.provider)
    known = confident_entry(kb, cookie.name, cookie.domain)
    if known is not None:
        third = cookie.party is Party.THIRD and known.category is not Category.NECESSARY
        consent = known.category in CONSENT_CATEGORIES or third
        confidence = _known_confidence(known, cookie.domain)
        return Classification(
            known.category, Basis.KNOWN, consent, known.source, known.vendor, None, confidence
        )
    return _by_party(cookie.party, "first party, not in the knowledge base: for review")


def classify_host(
    host: str, party: Party, declared: ThirdPartyDeclaration | None, kb: KnowledgeBase | None
) -> Classification:
    """Declared category, else known tracker category, else by party."""
    if declared is not None:
        return _declared(declared.category, declared.line, declared.provider)
    tracker = kb.tracker(host) if kb is not None else None
    if tracker is not None:
        consent = party is Party.THIRD and tracker.category is not Category.NECESSARY
        return Classification(
            tracker.category, Basis.KNOWN, consent, tracker.source, tracker.organisation,
            None, Confidence.HIGH,
        )  # fmt: skip
    return _by_party(party, "first party")


def classify_endpoint(
    signature: EndpointSignature, declared: ThirdPartyDeclaration | None
) -> Classification:
    """A first-party request speaking a vendor's protocol, judged as that vendor's tracker:
    the vendor domain's declaration, else the signature's category (needs consent unless
    necessary)."""
    if declared is not None:
        return _declared(declared.category, declared.line, declared.provider)
    consent = signature.category is not Category.NECESSARY
    source = f"endpoint signature: {signature.protocol}"
    return Classification(
        signature.category, Basis.KNOWN, consent, source, signature.vendor, None,
        Confidence.MEDIUM,
    )  # fmt: skip


def classify_url(request: RequestRecord, kb: KnowledgeBase | None) -> Classification | None:
    """A filter list's verdict on one request (by URL, page and type); ``None`` if no hit."""
    hit = kb.filter_match(request.url, request.page_url, request.resource_type) if kb else None
    if hit is None:
        return None
    category = FILTER_LIST_CATEGORIES.get(hit.list_name, Category.UNKNOWN)
    third = request.party is Party.THIRD
    return Classification(category, Basis.KNOWN, third, hit.source, "", None, Confidence.MEDIUM)


def _declared(category: Category, line: int, provider: str) -> Classification:
    """What a declaration says: always wins, always high confidence."""
    consent = category is not Category.NECESSARY
    source = f"declared at line {line}"
    return Classification(
        category, Basis.DECLARED, consent, source, provider, line, Confidence.HIGH
    )


def _by_party(party: Party, first_party_reason: str) -> Classification:
    """No declaration and no known fact: a third party needs consent, a first party is listed."""
    if party is Party.THIRD:
        reason = "third party, not in the knowledge base: treated as non-necessary"
        return Classification(Category.UNKNOWN, Basis.THIRD_PARTY, True, reason)
    return Classification(Category.UNKNOWN, Basis.UNCLASSIFIED, False, first_party_reason)


def _known_confidence(entry: KnownCookie, domain: str) -> Confidence:
    """High: exact name, domain fits; medium: exact distinctive name alone; low: a prefix."""
    if entry.match is not MatchKind.EXACT:
        return Confidence.LOW
    return Confidence.HIGH if domain_score(entry, domain) > 0 else Confidence.MEDIUM


def known_cookie(kb: KnowledgeBase | None, name: str, domain: str) -> KnownFact | None:
    """The knowledge base's confident view of a cookie, whatever its declaration says."""
    entry = confident_entry(kb, name, domain)
    if entry is None:
        return None
    return KnownFact(entry.vendor, entry.category, entry.source, _known_confidence(entry, domain))


def known_host(kb: KnowledgeBase | None, host: str) -> KnownFact | None:
    """The tracker list's view of a host, if it knows it."""
    tracker = kb.tracker(host) if kb is not None else None
    if tracker is None:
        return None
    return KnownFact(tracker.organisation, tracker.category, tracker.source, Confidence.HIGH)


def attribution(entry: KnownCookie, name: str, domain: str | None) -> str:
    """How the judge attributes a cookie named ``name`` (set on ``domain``, if given) to the
    entry's vendor, and how confidently: the same policy as :func:`confident_entry`."""
    vendor = entry.vendor or "its vendor"
    if entry.category is Category.UNKNOWN:
        return "never: the entry names no category"
    if entry.match is MatchKind.PREFIX and len(entry.pattern) < MIN_PREFIX:
        return f"never: the prefix '{entry.pattern}' is too short to judge by"
    generic = not _NON_LETTER.search(name)
    where = ", ".join(entry.domains)
    if domain is None:
        if generic and entry.domains:
            return f"to {vendor} only when set on the vendor's domain ({where}): a generic name"
        level = Confidence.LOW if entry.match is not MatchKind.EXACT else Confidence.MEDIUM
        return f"to {vendor} on any domain (a distinctive name), {level.value} confidence"
    if confident_entry_of(entry, name, domain) is None:
        return f"not on {domain}: a generic name counts only on the vendor's domain ({where})"
    return f"to {vendor} on {domain}, {_known_confidence(entry, domain).value} confidence"


def confident_entry_of(entry: KnownCookie, name: str, domain: str) -> KnownCookie | None:
    """``entry`` when it is confident enough to judge a cookie ``name`` on ``domain``."""
    if entry.category is Category.UNKNOWN:
        return None
    if entry.match is MatchKind.PREFIX and len(entry.pattern) < MIN_PREFIX:
        return None
    if domain_score(entry, domain) == 0 and not _NON_LETTER.search(name):
        return None
    return entry
