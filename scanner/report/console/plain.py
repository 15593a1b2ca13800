"""Plain output for CI logs and pipes: one grep-able line per finding, then a summary line.

A finding line is ``SEVERITY KIND state=STATE subject="…" page="…" message="…"``, optionally
followed by ``status=new|unchanged`` (with a baseline) and ``waived=yes``. SEVERITY is upper
case (HIGH, MEDIUM, LOW, INFO); STATE is none, accept, reject or ``-``; quoted values escape
``\\`` and ``"`` with a backslash and show control characters as ``\\n``, ``\\x1b`` …, so a line
never breaks and nothing the site controls can end it early. The summary line is
``SUMMARY findings=N high=N medium=N low=N info=N waived=N pages=N fail_on=SEV verdict=pass|fail``
(``interrupted=yes`` after a stopped scan).
"""

from __future__ import annotations

from scanner.model import Finding, ScanResult
from scanner.report.context import ReportContext
from scanner.report.context.comparison import Comparison
from scanner.report.context.counts import summarize
from scanner.report.context.verdict import Verdict
from scanner.report.text.safe_text import clean

SUBJECT_CHARS = 300
PAGE_CHARS = 500
MESSAGE_CHARS = 200


def quoted(value: str, limit: int) -> str:
    """``value`` in double quotes on one line: backslash, quote and control characters escaped."""
    return '"' + clean(value.replace("\\", "\\\\").replace('"', '\\"'), limit) + '"'


def finding_line(finding: Finding, comparison: Comparison | None = None) -> str:
    """The one line for ``finding``."""
    fields = [
        str(finding.severity).upper(),
        clean(finding.kind, 80),
        f"state={finding.state or '-'}",
        f"subject={quoted(finding.subject, SUBJECT_CHARS)}",
        f"page={quoted(finding.page or '-', PAGE_CHARS)}",
        f"message={quoted(finding.message, MESSAGE_CHARS)}",
    ]
    if comparison is not None:
        status = comparison.status_map().get(finding.identity)
        fields.append(f"status={status or '-'}")
    if finding.waiver is not None:
        fields.append("waived=yes")
    return " ".join(fields)


def summary_line(result: ScanResult, decided: Verdict) -> str:
    """The closing ``SUMMARY`` line: counts, the policy and the verdict."""
    summary = summarize(result)
    fields = [f"findings={summary.findings}"]
    fields += [f"{severity}={count}" for severity, count in summary.by_severity]
    fields.append(f"waived={sum(1 for f in result.findings if f.waiver is not None)}")
    fields.append(f"pages={sum(s.pages for s in summary.states)}")
    fields.append(f"fail_on={decided.fail_on or 'never'}")
    fields.append(f"verdict={decided.label}")
    if result.meta.interrupted:
        fields.append("interrupted=yes")
    return "SUMMARY " + " ".join(fields)


def plain_lines(ctx: ReportContext) -> list[str]:
    """Every finding (most severe first, in scan order within a severity), then the summary."""
    ordered = sorted(ctx.result.findings, key=lambda f: -f.severity.rank)
    lines = [finding_line(f, ctx.comparison) for f in ordered]
    return [*lines, summary_line(ctx.result, ctx.verdict)]
