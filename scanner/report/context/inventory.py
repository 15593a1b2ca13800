"""Inventory of a scan for reports: cookies, third parties and storage keys by consent state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scanner.model import (
    ConsentState,
    CookieRecord,
    KnownFact,
    Party,
    Phase,
    RequestRecord,
    ScanResult,
)
from scanner.model.durations import format_duration
from scanner.report.context.inventory_storage import KnownStorage, StorageRow, storage_rows

SEEN_BEFORE = "before consent"
SEEN_AFTER = "after consent"


@dataclass(frozen=True, slots=True)
class Known:
    """What the knowledge base says about a cookie or domain, and which source says it."""

    vendor: str
    category: str
    source: str
    confidence: str = ""


@dataclass(frozen=True, slots=True)
class CookieRow:
    """One cookie (name, domain) across the scanned states."""

    name: str
    domain: str
    party: Party
    cells: tuple[str, ...]
    declared_category: str | None
    declared_line: int | None
    declared_lifetime: str | None
    known: Known | None
    lifetime_requested: str
    lifetime_stored: str
    set_by: str
    setter: str
    partitioned: str = ""  # the top-level sites a CHIPS cookie lives under ("SITE, ...")


@dataclass(frozen=True, slots=True)
class DomainRow:
    """One third-party registrable domain across the scanned states (cells: request counts)."""

    domain: str
    cells: tuple[str, ...]
    requests: int
    declared_category: str | None
    declared_line: int | None
    known: Known | None
    via: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DeclaredItem:
    """A declared or an observed item in the declared-vs-observed comparison."""

    kind: str  # "cookie", "third party", or a storage kind
    subject: str
    category: str
    line: int | None


@dataclass(frozen=True, slots=True)
class Inventory:
    """The whole inventory: ``states`` names the order of every row's cells."""

    states: tuple[ConsentState, ...]
    cookies: tuple[CookieRow, ...]
    domains: tuple[DomainRow, ...]
    storage: tuple[StorageRow, ...]
    declared_not_seen: tuple[DeclaredItem, ...]
    seen_not_declared: tuple[DeclaredItem, ...]


def build_inventory(result: ScanResult) -> Inventory:
    """Group every record of the scan by identity, with its judgement (declared, known)."""
    states = tuple(s.state for s in result.states)
    cookies = _cookie_rows(result, states)
    domains = _domain_rows(result, states)
    return Inventory(
        states=states,
        cookies=cookies,
        domains=domains,
        storage=(storage := storage_rows(result, states)),
        declared_not_seen=_declared_not_seen(result, cookies, domains, storage),
        seen_not_declared=_seen_not_declared(cookies, domains, storage),
    )


def _phase_cell(phases: Iterable[Phase]) -> str:
    found = set(phases)
    if not found:
        return ""
    return SEEN_BEFORE if Phase.BEFORE_CONSENT in found else SEEN_AFTER


def _cookie_rows(result: ScanResult, states: tuple[ConsentState, ...]) -> tuple[CookieRow, ...]:
    grouped: dict[tuple[str, str], dict[ConsentState, list[CookieRecord]]] = {}
    for state in result.states:
        for c in state.cookies():
            key = (c.name, c.domain.lstrip("."))
            grouped.setdefault(key, {}).setdefault(state.state, []).append(c)
    rows = [_cookie_row(result, states, key, by_state) for key, by_state in grouped.items()]
    return tuple(sorted(rows, key=lambda r: (r.party != Party.THIRD, r.name, r.domain)))


def _cookie_row(
    result: ScanResult,
    states: tuple[ConsentState, ...],
    key: tuple[str, str],
    by_state: dict[ConsentState, list[CookieRecord]],
) -> CookieRow:
    records = [c for s in states for c in by_state.get(s, [])]
    first = records[0]
    judged = result.judgement.cookie_class(first)
    line = judged.classification.declared_line if judged else None
    decl = next((d for d in result.declarations.cookies if d.line == line), None)
    known = judged.known if judged else None
    return CookieRow(
        name=key[0],
        domain=key[1],
        party=first.party,
        cells=tuple(_phase_cell(c.phase for c in by_state.get(s, [])) for s in states),
        declared_category=str(decl.category) if decl else None,
        declared_line=decl.line if decl else None,
        declared_lifetime=(decl.max_age_text or format_duration(decl.max_age)) if decl else None,
        known=_known(known),
        lifetime_requested=_longest(c.lifetime_requested for c in records),
        lifetime_stored=_longest(c.lifetime_stored for c in records),
        set_by=str(first.set_by) + _worker_note(first.setter_worker),
        setter=first.setter_url or first.setter_unknown or "",
        partitioned=_partitions(records),
    )


def _partitions(records: Iterable[CookieRecord]) -> str:
    """The top-level sites (``SITE[, SITE]``) a partitioned cookie lives under, else empty."""
    sites = dict.fromkeys(c.partition_key or "an unknown top-level site"
                          for c in records if c.partitioned)  # fmt: skip
    return ", ".join(sites)


def _worker_note(worker: str | None) -> str:
    """`` (from a service worker)`` for a cookie a worker's script wrote, else nothing."""
    return f" ({_from_worker(worker)})" if worker else ""


def _from_worker(worker: str) -> str:
    """``from a service worker`` for ``service worker <script URL>``."""
    return f"from a {worker.rsplit(' ', 1)[0]}"


def _longest(lifetimes: Iterable[int | None]) -> str:
    values = [v for v in lifetimes if v is not None]
    return format_duration(max(values)) if values else "session"


def _domain_rows(result: ScanResult, states: tuple[ConsentState, ...]) -> tuple[DomainRow, ...]:
    grouped: dict[str, dict[ConsentState, list[RequestRecord]]] = {}
    for state in result.states:
        for r in state.requests():
            endpoint = result.judgement.endpoint(r)
            domain = endpoint.vendor_domain if endpoint else r.registrable_domain
            if r.party is Party.THIRD or endpoint is not None:
                grouped.setdefault(domain, {}).setdefault(state.state, []).append(r)
    rows = []
    for domain, by_state in sorted(grouped.items()):
        first = next(r for s in states for r in by_state.get(s, []))
        line, known = _judged(result, first)
        decl = next((d for d in result.declarations.third_parties if d.line == line), None)
        rows.append(
            DomainRow(
                domain=domain,
                cells=tuple(_count_cell(by_state.get(s, [])) for s in states),
                requests=sum(len(v) for v in by_state.values()),
                declared_category=str(decl.category) if decl else None,
                declared_line=decl.line if decl else None,
                known=_known(known),
                via=_via((r for v in by_state.values() for r in v), result),
            )
        )
    return tuple(rows)


def _judged(result: ScanResult, request: RequestRecord) -> tuple[int | None, KnownFact | None]:
    """The declared line and known fact of a domain row's first request (its vendor's, when a
    first-party endpoint speaks the vendor's protocol)."""
    endpoint = result.judgement.endpoint(request)
    if endpoint is not None:
        verdict = endpoint.classification
        fact = KnownFact(verdict.vendor, verdict.category, verdict.source, verdict.confidence)
        return verdict.declared_line, None if verdict.declared_line else fact
    judged = result.judgement.host_class(request.host)
    if judged is None:
        return None, None
    return judged.classification.declared_line, judged.known


def _via(requests: Iterable[RequestRecord], result: ScanResult) -> tuple[str, ...]:
    """How a domain was reached beyond page requests: from a worker, a leave beacon, an iframe,
    a first-party endpoint speaking its protocol."""
    found: dict[str, None] = {}
    for request in requests:
        if result.judgement.endpoint(request) is not None:
            found[f"via first-party endpoint {_endpoint_of(request.url)}"] = None
        if request.worker:
            found[_from_worker(request.worker)] = None
        if request.beacon:
            found[f"beacon on leaving ({request.beacon})"] = None
        if request.frame_chain:
            found["in an iframe"] = None
        if request.frames_sent is not None:
            found[f"a {request.resource_type} channel"] = None
    return tuple(found)


def _known(fact: KnownFact | None) -> Known | None:
    """The knowledge base's confident view, as the inventory shows it."""
    if fact is None:
        return None
    return Known(fact.vendor, str(fact.category), fact.source, fact.confidence.value)


def _count_cell(requests: list[RequestRecord]) -> str:
    if not requests:
        return ""
    return f"{len(requests)} ({_phase_cell(r.phase for r in requests)})"


def _declared_not_seen(
    result: ScanResult,
    cookies: tuple[CookieRow, ...],
    domains: tuple[DomainRow, ...],
    storage: tuple[StorageRow, ...],
) -> tuple[DeclaredItem, ...]:
    cookie_lines = {r.declared_line for r in cookies}
    domain_lines = {r.declared_line for r in domains}
    decl = result.declarations
    return (
        *(
            DeclaredItem("cookie", d.name, str(d.category), d.line)
            for d in decl.cookies
            if d.line not in cookie_lines
        ),
        *(
            DeclaredItem("third party", d.domain, str(d.category), d.line)
            for d in decl.third_parties
            if d.line not in domain_lines
        ),
        *(
            DeclaredItem(d.kind.declared_type, d.name, str(d.category), d.line)
            for d in decl.storage
            if d.line not in {r.declared_line for r in storage}
        ),
    )


def _seen_not_declared(
    cookies: tuple[CookieRow, ...], domains: tuple[DomainRow, ...], storage: tuple[StorageRow, ...]
) -> tuple[DeclaredItem, ...]:
    def category(known: Known | None) -> str:
        return f"{known.category} (known)" if known else "unknown"

    return (
        *(
            DeclaredItem("cookie", f"{r.name} @ {r.domain}", category(r.known), None)
            for r in cookies
            if r.declared_line is None
        ),
        *(
            DeclaredItem("third party", r.domain, category(r.known), None)
            for r in domains
            if r.declared_line is None
        ),
        *(
            DeclaredItem(r.kind, f"{r.key} @ {r.origin}", _storage_category(r.known), None)
            for r in storage
            if r.declared_line is None
        ),
    )


def _storage_category(known: KnownStorage | None) -> str:
    return f"{known.category} (known)" if known else "unknown"


def _endpoint_of(url: str) -> str:
    """A URL without its query (the inventory names the endpoint, not each hit)."""
    return url.split("?", 1)[0].split("#", 1)[0]
