"""Counts derived from a ScanResult, shared by every reporter (no verdict: see ``verdict``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from scanner.model import ConsentState, Finding, Party, ScanResult, Severity, StateResult

SEVERITIES_DESC: tuple[Severity, ...] = tuple(sorted(Severity, key=lambda s: -s.rank))


@dataclass(frozen=True, slots=True)
class StateSummary:
    """Counts for one consent state; cookies and storage are counted by identity."""

    state: ConsentState
    consent_applied: bool
    pages: int
    pages_failed: int
    cookies: int
    third_party_cookies: int
    storage_items: int
    requests: int
    third_party_requests: int
    third_party_domains: int


@dataclass(frozen=True, slots=True)
class Summary:
    """Finding counts by severity (every severity, most severe first) and by kind (sorted)."""

    findings: int
    by_severity: tuple[tuple[Severity, int], ...]
    by_kind: tuple[tuple[str, int], ...]
    states: tuple[StateSummary, ...]


def summarize(result: ScanResult) -> Summary:
    """Count findings, pages, cookies and third parties of a scan."""
    return Summary(
        findings=len(result.findings),
        by_severity=severity_counts(result.findings),
        by_kind=tuple(sorted(Counter(f.kind for f in result.findings).items())),
        states=tuple(summarize_state(s) for s in result.states),
    )


def severity_counts(findings: tuple[Finding, ...]) -> tuple[tuple[Severity, int], ...]:
    """How many findings of each severity, most severe first, zeros included."""
    counts = Counter(f.severity for f in findings)
    return tuple((s, counts[s]) for s in SEVERITIES_DESC)


def summarize_state(state: StateResult) -> StateSummary:
    """Counts for one state: distinct cookies (name, domain, path), storage keys, domains."""
    cookies = {c.key: c.party for c in state.cookies()}
    requests = state.requests()
    third = [r for r in requests if r.party is Party.THIRD]
    return StateSummary(
        state=state.state,
        consent_applied=state.consent.applied,
        pages=len(state.observations),
        pages_failed=sum(1 for o in state.observations if o.failed),
        cookies=len(cookies),
        third_party_cookies=sum(1 for p in cookies.values() if p is Party.THIRD),
        storage_items=len({(s.origin, s.kind, s.key) for s in state.storage()}),
        requests=len(requests),
        third_party_requests=len(third),
        third_party_domains=len({r.registrable_domain for r in third}),
    )
