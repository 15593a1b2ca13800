"""Compare a scan with a baseline: findings new, unchanged or resolved; items come and gone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from scanner.model import ConsentState, Finding, Party, ScanResult
from scanner.model.findings import sort_findings


class Status(StrEnum):
    """How a finding relates to the baseline scan."""

    NEW = "new"
    UNCHANGED = "unchanged"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class FindingChange:
    """A finding and its status; a resolved finding comes from the baseline."""

    finding: Finding
    status: Status


@dataclass(frozen=True, slots=True)
class ItemChange:
    """A cookie (``name @ domain``) or third-party domain that appeared or disappeared."""

    subject: str
    states: tuple[ConsentState, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything that changed between a baseline scan and the current one."""

    findings: tuple[FindingChange, ...]
    cookies_appeared: tuple[ItemChange, ...]
    cookies_disappeared: tuple[ItemChange, ...]
    third_parties_appeared: tuple[ItemChange, ...]
    third_parties_disappeared: tuple[ItemChange, ...]

    def with_status(self, status: Status) -> tuple[Finding, ...]:
        """The findings of one status, in report order."""
        return tuple(c.finding for c in self.findings if c.status is status)

    def status_map(self) -> dict[tuple[str, str, str], Status]:
        """Finding identity → status, for the findings of the current scan."""
        return {
            c.finding.identity: c.status for c in self.findings if c.status is not Status.RESOLVED
        }

    def counts(self) -> dict[str, int]:
        """How many findings of each status, and how many items appeared or disappeared."""
        return {
            **{str(s): len(self.with_status(s)) for s in Status},
            "cookies_appeared": len(self.cookies_appeared),
            "cookies_disappeared": len(self.cookies_disappeared),
            "third_parties_appeared": len(self.third_parties_appeared),
            "third_parties_disappeared": len(self.third_parties_disappeared),
        }


def compare(baseline: ScanResult, current: ScanResult) -> Comparison:
    """Mark findings new / unchanged / resolved and items appeared / disappeared."""
    old_ids = {f.identity for f in baseline.findings}
    new_ids = {f.identity for f in current.findings}
    changes = [
        FindingChange(f, Status.UNCHANGED if f.identity in old_ids else Status.NEW)
        for f in sort_findings(current.findings)
    ]
    resolved = _unique(f for f in sort_findings(baseline.findings) if f.identity not in new_ids)
    changes += [FindingChange(f, Status.RESOLVED) for f in resolved]
    old_cookies, new_cookies = cookie_states(baseline), cookie_states(current)
    old_third, new_third = third_party_states(baseline), third_party_states(current)
    return Comparison(
        findings=tuple(changes),
        cookies_appeared=_missing_from(new_cookies, old_cookies),
        cookies_disappeared=_missing_from(old_cookies, new_cookies),
        third_parties_appeared=_missing_from(new_third, old_third),
        third_parties_disappeared=_missing_from(old_third, new_third),
    )


def cookie_states(result: ScanResult) -> dict[str, tuple[ConsentState, ...]]:
    """Every cookie as ``name @ domain`` (a leading dot ignored) and the states it was in."""
    seen: dict[str, list[ConsentState]] = {}
    for state in result.states:
        for c in state.cookies():
            _add(seen, f"{c.name} @ {c.domain.lstrip('.')}", state.state)
    return {k: tuple(v) for k, v in sorted(seen.items())}


def third_party_states(result: ScanResult) -> dict[str, tuple[ConsentState, ...]]:
    """Every third-party registrable domain contacted and the states it was contacted in."""
    seen: dict[str, list[ConsentState]] = {}
    for state in result.states:
        for r in state.requests():
            if r.party is Party.THIRD:
                _add(seen, r.registrable_domain, state.state)
    return {k: tuple(v) for k, v in sorted(seen.items())}


def _add(seen: dict[str, list[ConsentState]], key: str, state: ConsentState) -> None:
    states = seen.setdefault(key, [])
    if state not in states:
        states.append(state)


def _missing_from(
    items: dict[str, tuple[ConsentState, ...]], other: dict[str, tuple[ConsentState, ...]]
) -> tuple[ItemChange, ...]:
    return tuple(ItemChange(k, v) for k, v in items.items() if k not in other)


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    seen: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        seen.setdefault(f.identity, f)
    return list(seen.values())


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON data (findings by identity, items with their states)."""

    def items(changes: tuple[ItemChange, ...]) -> list[dict[str, Any]]:
        return [{"subject": c.subject, "states": [str(s) for s in c.states]} for c in changes]

    return {
        "counts": comparison.counts(),
        "findings": [
            {
                "status": str(c.status),
                "kind": c.finding.kind,
                "severity": str(c.finding.severity),
                "state": str(c.finding.state) if c.finding.state else None,
                "subject": c.finding.subject,
                "message": c.finding.message,
            }
            for c in comparison.findings
        ],
        "cookies": {
            "appeared": items(comparison.cookies_appeared),
            "disappeared": items(comparison.cookies_disappeared),
        },
        "third_parties": {
            "appeared": items(comparison.third_parties_appeared),
            "disappeared": items(comparison.third_parties_disappeared),
        },
    }
