"""The verdict, decided in this one place: pass or fail against --fail-on, and its exit code.

Every report shows the verdict of its ``ReportContext``; every command that judges a scan
(``scan``, ``scan --sites``, ``diff``) takes its exit code from ``exit_code`` here, and the
pytest plugin fails a test on the same verdict, so a report and an exit code never disagree.
Exit codes that are not about findings (2 bad input, 3 the scan could not run) come from
``scanner.errors``.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.errors import ExitCode
from scanner.model import Finding, ScanResult, Severity
from scanner.model.findings import sort_findings
from scanner.report.context.comparison import Comparison, Status


@dataclass(frozen=True, slots=True)
class Verdict:
    """Pass or fail against the policy, and the findings that decide it."""

    failed: bool
    fail_on: Severity | None
    only_new: bool
    failing: tuple[Finding, ...]

    @property
    def label(self) -> str:
        """'pass' or 'fail'."""
        return "fail" if self.failed else "pass"

    @property
    def policy(self) -> str:
        """The policy in words, e.g. 'fail on new findings at or above medium'."""
        if self.fail_on is None:
            return "never fail on findings"
        scope = "new findings" if self.only_new else "any finding"
        return f"fail on {scope} at or above {self.fail_on}"


def decide(
    result: ScanResult,
    fail_on: Severity | None = Severity.MEDIUM,
    comparison: Comparison | None = None,
    only_new: bool = False,
) -> Verdict:
    """Fail when a finding (with ``only_new`` and a baseline: a new one) reaches ``fail_on``.

    Waived findings (accepted, with a reason and an owner) never decide the verdict.
    """
    if fail_on is None:
        return Verdict(False, None, only_new, ())
    pool = result.findings
    if only_new and comparison is not None:
        pool = comparison.with_status(Status.NEW)
    failing = tuple(
        f for f in sort_findings(pool) if f.severity.rank >= fail_on.rank and f.waiver is None
    )
    return Verdict(bool(failing), fail_on, only_new, failing)


def exit_code(decided: Verdict, interrupted: bool = False) -> int:
    """130 when the scan was interrupted, else 1 when the verdict fails, else 0."""
    if interrupted:
        return int(ExitCode.INTERRUPTED)
    return int(ExitCode.FINDINGS if decided.failed else ExitCode.CLEAN)
