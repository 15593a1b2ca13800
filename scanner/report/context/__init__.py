"""What every reporter reads, built once per scan: result, comparison, verdict, inventory."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.model import Finding, Judgement, ScanResult, Severity
from scanner.report.context.comparison import Comparison, compare
from scanner.report.context.fixes import FixGroup, fix_list
from scanner.report.context.inventory import Inventory, build_inventory
from scanner.report.context.verdict import Verdict, decide


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What a reporter needs besides the result: the policy and an optional baseline scan.

    ``fail_on`` decides the verdict (None: never fail); with ``fail_on_new`` only findings new
    since ``baseline`` count. Formats that show comparisons compare against ``baseline``.
    """

    fail_on: Severity | None = Severity.MEDIUM
    baseline: ScanResult | None = None
    fail_on_new: bool = False
    language: str = "en"  # report language of HTML, Markdown, JUnit and SARIF texts


@dataclass(frozen=True, slots=True)
class ReportContext:
    """One scan as reporters see it; reporters never judge or compare on their own."""

    result: ScanResult
    options: ReportOptions
    comparison: Comparison | None
    verdict: Verdict
    inventory: Inventory
    fixes: tuple[FixGroup, ...] = ()

    def declaration_line(self, finding: Finding) -> int | None:
        """The line of the declared file a finding is about: its own, or its item's.

        Looked up in this scan's judgement, then (for resolved findings) the baseline's.
        """
        if finding.declaration_line:
            return finding.declaration_line
        judgements = [self.result.judgement]
        if self.options.baseline is not None:
            judgements.append(self.options.baseline.judgement)
        return next((line for j in judgements if (line := _declared_line(j, finding))), None)


def _declared_line(judgement: Judgement, finding: Finding) -> int | None:
    """The declared line of the cookie or third party a finding names, if it was declared."""
    if finding.cookie_name is not None:
        key = (finding.cookie_name, finding.cookie_domain)
        lines = (
            c.classification.declared_line for c in judgement.cookies if (c.name, c.domain) == key
        )
        return next((line for line in lines if line), None)
    if finding.request_domain is not None:
        domain = finding.request_domain
        lines = (
            h.classification.declared_line
            for h in judgement.hosts
            if domain in (h.registrable_domain, h.host)
        )
        return next((line for line in lines if line), None)
    return None


def build_context(result: ScanResult, options: ReportOptions | None = None) -> ReportContext:
    """The context for ``result``: compared with the baseline once, judged by policy once."""
    options = options or ReportOptions()
    comparison = compare(options.baseline, result) if options.baseline else None
    decided = decide(result, options.fail_on, comparison, options.fail_on_new)
    inventory = build_inventory(result)
    return ReportContext(result, options, comparison, decided, inventory, fix_list(result))
