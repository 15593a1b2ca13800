"""The catalogue of finding kinds (data file) and the constructor every rule uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from scanner.i18n import DEFAULT_LANGUAGE, kind_text
from scanner.model import ConsentState, Finding, Severity
from scanner.model.yaml_data import load_yaml


@dataclass(frozen=True, slots=True)
class FindingKind:
    """What a finding kind means, for people: its rule, why it matters, what to do."""

    kind: str
    severity: Severity
    title: str
    rule: str
    why: str
    fix: str


@lru_cache(maxsize=1)
def kind_severities() -> dict[str, Severity]:
    """Every known finding kind and its severity (``finding_kinds.yaml``; texts: the catalogs)."""
    text = resources.files("scanner.data").joinpath("finding_kinds.yaml").read_text("utf-8")
    return {kind: Severity(spec["severity"]) for kind, spec in load_yaml(text).items()}


@lru_cache(maxsize=16)
def finding_kinds(language: str = DEFAULT_LANGUAGE) -> dict[str, FindingKind]:
    """Every known finding kind with its reader texts in ``language`` (English by default)."""
    return {
        kind: FindingKind(
            kind,
            severity,
            kind_text(kind, "title", language) or kind,
            kind_text(kind, "rule", language),
            kind_text(kind, "why", language),
            kind_text(kind, "fix", language),
        )
        for kind, severity in kind_severities().items()
    }


def finding(
    kind: str,
    state: ConsentState | None,
    page: str | None,
    subject: str,
    message: str,
    evidence: Iterable[tuple[str, str]],
    **fields: str | int | None,
) -> Finding:
    """A finding of a catalogued kind, with the kind's severity."""
    spec = finding_kinds()[kind]
    return Finding(
        kind=kind,
        severity=spec.severity,
        state=state,
        page=page,
        subject=subject,
        message=message,
        evidence=tuple((k, str(v)) for k, v in evidence),
        **fields,  # type: ignore[arg-type]
    )


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Most severe first, then by kind, state and subject: a stable report order."""
    order = {state: i for i, state in enumerate(ConsentState)}
    return tuple(
        sorted(
            findings,
            key=lambda f: (
                -f.severity.rank,
                f.kind,
                order.get(f.state, -1) if f.state else -1,
                f.subject,
                f.page or "",
            ),
        )
    )
