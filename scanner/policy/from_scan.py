"""A draft declared list from what a scan observed, filled in from the knowledge base."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from scanner.knowledge.domains import cookie_site, host_of, registrable_domain
from scanner.model import (
    Category,
    Confidence,
    CookieRecord,
    KnownFact,
    Party,
    RequestRecord,
    ScanResult,
    StorageRecord,
)
from scanner.policy.draft import (
    DraftCookie,
    DraftTechnique,
    DraftThirdParty,
    literal_name,
    readable_lifetime,
)

TECHNIQUE_REVIEW = (
    "{technique} seen from {where}: it needs consent (category guessed) unless strictly "
    "necessary, e.g. fraud prevention; then write necessary"
)


@dataclass(slots=True)
class _Seen:
    """Every sighting of one cookie (name, site) across states."""

    first: CookieRecord
    lifetime: int | None = None
    states: list[str] = field(default_factory=list)


def _group(result: ScanResult) -> dict[tuple[str, str], _Seen]:
    seen: dict[tuple[str, str], _Seen] = {}
    for state in result.states:
        for cookie in state.cookies():
            entry = seen.setdefault((cookie.name, cookie_site(cookie.domain)), _Seen(cookie))
            asked = cookie.lifetime_requested
            if asked is not None and (entry.lifetime is None or asked > entry.lifetime):
                entry.lifetime = asked
            if state.state.value not in entry.states:
                entry.states.append(state.state.value)
    return seen


def _unknown_note(cookie: CookieRecord, states: Iterable[str]) -> str:
    where = cookie.setter_url.split("?", 1)[0] if cookie.setter_url else ""
    setter = f"; set by {where}" if where else ""
    return (
        f"not in the knowledge base: category guessed; {cookie.party.value} party, "
        f"seen {cookie.phase.value.replace('_', ' ')} in state(s) {', '.join(states)}{setter}"
    )


def _known_note(known: KnownFact) -> str:
    """Nothing for a confident fact; a note to check one attributed by name alone."""
    if known.confidence is Confidence.HIGH:
        return ""
    return (
        f"attributed to {known.vendor or 'a vendor'} by its name alone ({known.confidence.value} "
        "confidence: not set on the vendor's domain); check the category"
    )


def draft_cookies(result: ScanResult) -> list[DraftCookie]:
    """One draft entry per observed cookie name and site, sorted by site then name.

    Categories and vendors are the judge stage's known facts, as the rules saw them.
    """
    drafts = []
    for (name, site), seen in sorted(_group(result).items(), key=lambda kv: (kv[0][1], kv[0])):
        judged = result.judgement.cookie_class(seen.first)
        known = judged.known if judged else None
        drafts.append(
            DraftCookie(
                name=literal_name(name),
                category=known.category if known else Category.UNKNOWN,
                provider=known.vendor if known else "",
                domain=site,
                max_age=readable_lifetime(seen.lifetime),
                review=_known_note(known) if known else _unknown_note(seen.first, seen.states),
            )
        )
    return drafts


def draft_storage(result: ScanResult) -> list[DraftCookie]:
    """One draft entry (``type:`` local_storage, ...) per storage item holding data, by
    origin host then key; categories from the judge stage's known facts."""
    first: dict[tuple[str, str, str], StorageRecord] = {}
    for state in result.states:
        for record in state.storage():
            if record.count != 0:
                first.setdefault((host_of(record.origin), record.kind.value, record.key), record)
    drafts = []
    for (host, _kind, key), record in sorted(first.items()):
        judged = result.judgement.storage_class(record)
        known = judged.known if judged else None
        writer = f"; written by {record.writer.split('?', 1)[0]}" if record.writer else ""
        note = f"not in the knowledge base: category guessed; {record.party.value} party{writer}"
        drafts.append(
            DraftCookie(
                name=literal_name(key),
                category=known.category if known else Category.UNKNOWN,
                provider=known.vendor if known else "",
                domain=host,
                review=_known_note(known) if known else note,
                type=record.kind.declared_type,
            )
        )
    return drafts


def draft_third_parties(result: ScanResult) -> list[DraftThirdParty]:
    """One draft entry per third-party registrable domain contacted."""
    first: dict[str, RequestRecord] = {}
    for state in result.states:
        for request in state.requests():
            if request.party is Party.THIRD:
                first.setdefault(request.registrable_domain, request)
    drafts = []
    for domain, request in sorted(first.items()):
        verdict = result.judgement.request(request)
        host = result.judgement.host_class(request.host)
        fact = host.known if host is not None else None
        category = fact.category if fact else verdict.category
        unknown = category is Category.UNKNOWN
        url = request.url.split("?", 1)[0]
        review = f"not in the knowledge base: category guessed; first seen at {url}"
        drafts.append(
            DraftThirdParty(
                domain=domain,
                category=category,
                provider=fact.vendor if fact else verdict.vendor,
                review=review if unknown else "",
            )
        )
    return drafts


def draft_techniques(result: ScanResult) -> list[DraftTechnique]:
    """One draft entry per (technique, script domain) of fingerprinting or session recording."""
    seen: dict[tuple[str, str], str] = {}
    for state in result.states:
        for record in state.fingerprinting():
            host = host_of(record.script_url) or host_of(record.page_url)
            seen.setdefault((record.technique, registrable_domain(host)), record.script_url)
        for recording in state.recordings():
            key = ("session_recording", registrable_domain(recording.host))
            seen.setdefault(key, f"https://{recording.host}/")
    return [
        DraftTechnique(technique, script, Category.ANALYTICS,
                       TECHNIQUE_REVIEW.format(technique=technique, where=url.split("?", 1)[0]))
        for (technique, script), url in sorted(seen.items())
    ]  # fmt: skip
