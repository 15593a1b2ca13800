"""Applying waivers: waived findings stay visible; expired or stale waivers become findings.

* An active waiver (``expires`` today or later) marks every unwaived finding it matches.
* An expired waiver waives nothing and becomes a ``waiver_expired`` finding (high), so the
  decision is made again.
* An active waiver that matches nothing becomes ``waiver_stale`` (info): it can be removed.

A waiver matches a finding when its kind and subject (exact or globs) match and its state,
when given, is the finding's state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from fnmatch import fnmatchcase

from scanner.model import Finding, Waiver
from scanner.model.findings import finding, sort_findings


def waiver_matches(waiver: Waiver, item: Finding) -> bool:
    """Whether a waiver covers a finding (kind, subject, optional state)."""
    return (
        fnmatchcase(item.kind, waiver.kind)
        and fnmatchcase(item.subject, waiver.subject)
        and (waiver.state is None or waiver.state == item.state)
    )


def is_expired(waiver: Waiver, today: date) -> bool:
    """Whether a waiver's last day is before ``today`` (a policy waiver, "never", is not)."""
    try:
        return date.fromisoformat(waiver.expires) < today
    except ValueError:
        return False


def apply_waivers(
    findings: Iterable[Finding], waivers: Iterable[Waiver], today: date
) -> tuple[Finding, ...]:
    """The findings with active waivers applied, plus expired and stale waiver findings."""
    out = list(findings)
    extra: list[Finding] = []
    for waiver in waivers:
        hits = [i for i, f in enumerate(out) if f.waiver is None and waiver_matches(waiver, f)]
        if is_expired(waiver, today):
            extra.append(_waiver_finding("waiver_expired", waiver, len(hits)))
        elif not hits:
            extra.append(_waiver_finding("waiver_stale", waiver, 0))
        else:
            for i in hits:
                out[i] = replace(out[i], waiver=waiver)
    return sort_findings([*out, *extra])


def _waiver_finding(kind: str, waiver: Waiver, matches: int) -> Finding:
    """A finding about a waiver itself, pointing at its line."""
    scope = f" in state {waiver.state.value}" if waiver.state else ""
    if kind == "waiver_expired":
        message = (
            f"The waiver for {waiver.kind} '{waiver.subject}'{scope} expired on "
            f"{waiver.expires}; the {matches} finding(s) it covers count again."
        )
    else:
        message = f"The waiver for {waiver.kind} '{waiver.subject}'{scope} matches no finding."
    return finding(
        kind,
        waiver.state,
        None,
        f"{waiver.kind}: {waiver.subject}",
        message,
        [
            ("reason", waiver.reason),
            ("owner", waiver.owner),
            ("expires", waiver.expires),
            ("matches", str(matches)),
        ],
        declaration_line=waiver.line,
    )
