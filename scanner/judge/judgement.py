"""One pass over a scan's records: every cookie, host, URL and storage key classified once."""

from __future__ import annotations

from collections.abc import Iterable

from scanner.declared.matching import match_cookie, match_storage, match_third_party
from scanner.judge.storage import classify_storage, known_storage_fact
from scanner.judge.verdicts import (
    classify_cookie,
    classify_endpoint,
    classify_host,
    classify_url,
    known_cookie,
    known_host,
)
from scanner.knowledge import KnowledgeBase
from scanner.knowledge.domains import host_of
from scanner.model import (
    Basis,
    CookieClass,
    Declarations,
    EndpointClass,
    HostClass,
    Judgement,
    Party,
    RequestRecord,
    StateResult,
    StorageClass,
    UrlClass,
)

BY_PARTY = frozenset({Basis.THIRD_PARTY, Basis.UNCLASSIFIED})


def judge_scan(
    declarations: Declarations, states: Iterable[StateResult], kb: KnowledgeBase | None
) -> Judgement:
    """Classify everything the scan recorded, each identity once, in first-seen order."""
    states = tuple(states)
    return Judgement(
        cookies=_cookies(declarations, states, kb),
        hosts=(hosts := _hosts(declarations, states, kb)),
        urls=_urls(states, kb, {(h.host, h.party): h for h in hosts}),
        storage=_storage(declarations, states, kb),
        endpoints=_endpoints(declarations, states, kb),
    )


def _cookies(
    declarations: Declarations, states: tuple[StateResult, ...], kb: KnowledgeBase | None
) -> tuple[CookieClass, ...]:
    found: dict[tuple[str, str, str], CookieClass] = {}
    for cookie in (c for s in states for c in s.cookies()):
        key = (cookie.name, cookie.domain, cookie.party.value)
        if key not in found:
            declared = match_cookie(declarations, cookie.name, cookie.domain)
            verdict = classify_cookie(cookie, declared, kb)
            known = known_cookie(kb, cookie.name, cookie.domain)
            found[key] = CookieClass(cookie.name, cookie.domain, cookie.party, verdict, known)
    return tuple(found.values())


def _hosts(
    declarations: Declarations, states: tuple[StateResult, ...], kb: KnowledgeBase | None
) -> tuple[HostClass, ...]:
    found: dict[tuple[str, str], HostClass] = {}
    for request in (r for s in states for r in s.requests()):
        key = (request.host, request.party.value)
        if key not in found:
            domain = request.registrable_domain
            declared = match_third_party(declarations, request.host, domain)
            verdict = classify_host(request.host, request.party, declared, kb)
            known = known_host(kb, request.host)
            found[key] = HostClass(request.host, domain, request.party, verdict, known)
    return tuple(found.values())


def _urls(
    states: tuple[StateResult, ...],
    kb: KnowledgeBase | None,
    hosts: dict[tuple[str, object], HostClass],
) -> tuple[UrlClass, ...]:
    """Filter-list verdicts, for requests whose host neither a declaration nor a list knows."""
    if kb is None or not kb.has_filter_lists():
        return ()
    found: dict[tuple[str, str, str], UrlClass] = {}
    for request in (r for s in states for r in s.requests()):
        key = (request.url, request.page_url, request.resource_type)
        host = hosts[(request.host, request.party)]
        if key in found or host.classification.basis not in BY_PARTY:
            continue
        verdict = classify_url(request, kb)
        if verdict is not None:
            found[key] = UrlClass(*key, verdict)
    return tuple(found.values())


def _storage(
    declarations: Declarations, states: tuple[StateResult, ...], kb: KnowledgeBase | None
) -> tuple[StorageClass, ...]:
    found: dict[tuple[str, str, str], StorageClass] = {}
    for record in (r for s in states for r in s.storage()):
        key = record.identity
        if key not in found:
            host = host_of(record.origin)
            declared = match_storage(declarations, record.kind, record.key, host)
            verdict = classify_storage(record, declared, kb)
            known = known_storage_fact(record, kb)
            found[key] = StorageClass(*key, record.party, verdict, known)
    return tuple(found.values())


def _endpoints(
    declarations: Declarations, states: tuple[StateResult, ...], kb: KnowledgeBase | None
) -> tuple[EndpointClass, ...]:
    """First-party requests speaking a known vendor protocol, each URL once: judged as that
    vendor (its declaration, else the signature's category)."""
    if kb is None:
        return ()
    found: dict[str, EndpointClass] = {}
    for request in (r for s in states for r in s.requests()):
        if request.party is not Party.FIRST or request.url in found:
            continue
        values = dict(request.body_values)
        signature = kb.endpoint(request.url, request.method, request.body_fields, values)
        if signature is not None:
            declared = match_third_party(declarations, signature.domain, signature.domain)
            verdict = classify_endpoint(signature, declared)
            found[request.url] = EndpointClass(
                request.url, request.host, signature.domain, signature.protocol, verdict,
                body_evidence(signature.body_keys, request),
            )  # fmt: skip
    return tuple(found.values())


def body_evidence(keys: tuple[str, ...], request: RequestRecord) -> str:
    """``body keys api_key, batch (in a gzip-compressed body)`` when a signature matched the
    body's fields; empty for a match on the URL alone."""
    if not keys:
        return ""
    note = request.body_note(keys)
    note = f" ({note})" if note else ""
    return f"body keys {', '.join(keys)}{note}"
