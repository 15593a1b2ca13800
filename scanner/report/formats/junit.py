"""report.junit.xml: one test case per rule and consent state, for CI dashboards.

Its texts (case names, failure messages, the lines per finding) are in the report language;
suite names, properties and finding kinds are identifiers and stay as they are.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from scanner.i18n import DEFAULT_LANGUAGE, N_, NP_
from scanner.model import ConsentState, Finding, ScanResult
from scanner.model.findings import FindingKind, finding_kinds, sort_findings
from scanner.report.context import ReportContext, ReportOptions, build_context
from scanner.report.context.comparison import Comparison, Status
from scanner.report.text.l10n import Words
from scanner.report.text.safe_text import clean
from scanner.report.text.templating import evidence_label, evidence_value

SUITE_PREFIX = "cookiescan"
SCAN_WIDE = "scan"  # the suite of findings that belong to no single state
_XML_INVALID = re.compile("[\ufffe\uffff]")


class JunitReporter:
    """Reporter for OutputFormat.JUNIT."""

    def render(self, ctx: ReportContext) -> str:
        """The JUnit XML text."""
        return _render(ctx)


def render_junit(result: ScanResult, options: ReportOptions | None = None) -> str:
    """The JUnit XML of ``result`` (see ``_render``)."""
    return _render(build_context(result, options))


def _render(ctx: ReportContext) -> str:
    """JUnit XML: a suite per state, a case per finding kind; a case fails when a finding of
    that kind in that state decides the verdict (at or above --fail-on; only new ones with
    --fail-on-new)."""
    result, comparison, decided = ctx.result, ctx.comparison, ctx.verdict
    failing = {f.identity for f in decided.failing}
    root = ET.Element("testsuites", name=SUITE_PREFIX)
    for state in _suite_states(result, comparison):
        root.append(_suite(ctx, state, failing, decided.policy))
    _totals(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _suite_states(result: ScanResult, comparison: Comparison | None) -> list[ConsentState | None]:
    states: list[ConsentState | None] = [s.state for s in result.states]
    findings = [c.finding for c in comparison.findings] if comparison else result.findings
    if any(f.state is None for f in findings):
        states.append(None)
    return states


def _suite(
    ctx: ReportContext,
    state: ConsentState | None,
    failing: set[tuple[str, str, str]],
    policy: str,
) -> ET.Element:
    result, comparison = ctx.result, ctx.comparison
    label = str(state) if state else SCAN_WIDE
    suite = ET.Element("testsuite", name=f"{SUITE_PREFIX}.{label}")
    if result.meta.started_at:
        suite.set("timestamp", _text(result.meta.started_at, 40))
    props = ET.SubElement(suite, "properties")
    site = result.declarations.site or ", ".join(result.meta.targets)
    for name, value in (("site", site), ("policy", policy), ("state", label)):
        ET.SubElement(props, "property", name=name, value=_text(value, 500))
    mine = [f for f in sort_findings(result.findings) if f.state == state]
    resolved = comparison.with_status(Status.RESOLVED) if comparison else ()
    gone = [f for f in resolved if f.state == state]
    words = Words(ctx.options.language)
    for kind in _kinds(mine, gone, words.language):
        suite.append(_case(kind, label, (mine, gone), failing, comparison, words))
    return suite


def _kinds(
    findings: Iterable[Finding], resolved: Iterable[Finding], language: str = "en"
) -> list[FindingKind]:
    """Every catalogued kind (texts in ``language``), then unknown kinds findings use (sorted)."""
    catalogue = finding_kinds(language)
    extra = {f.kind: f.severity for f in [*findings, *resolved] if f.kind not in catalogue}
    unknown = (FindingKind(k, s, k, "", "", "") for k, s in sorted(extra.items()))
    return [*catalogue.values(), *unknown]


def _case(
    kind: FindingKind,
    label: str,
    found: tuple[list[Finding], list[Finding]],
    failing: set[tuple[str, str, str]],
    comparison: Comparison | None,
    w: Words,
) -> ET.Element:
    """One rule in one state: failed by the findings that decide the verdict, the others
    (and resolved ones) in its output."""
    findings, resolved = found
    mine = [f for f in findings if f.kind == kind.kind]
    case = ET.Element(
        "testcase",
        classname=f"{SUITE_PREFIX}.{label}",
        name=f"{_text(kind.kind, 100)}: {_text(kind.title, 200)}",
        time="0",
    )
    bad = [f for f in mine if f.identity in failing]
    statuses = comparison.status_map() if comparison else {}
    if bad:
        failure = ET.SubElement(case, "failure", type=_text(kind.kind, 100))
        forms = NP_("%(num)s finding: %(rule)s", "%(num)s findings: %(rule)s")
        failure.set("message", w.plural(forms, len(bad), rule=_text(kind.rule or kind.title, 200)))
        failure.text = "\n".join(_line(f, statuses.get(f.identity), w) for f in bad)
        if kind.fix:
            failure.text += "\n" + w(N_("What to do:")) + " " + kind.fix
    other = [_line(f, statuses.get(f.identity), w) for f in mine if f.identity not in failing]
    other += [_line(f, Status.RESOLVED, w) for f in resolved if f.kind == kind.kind]
    if other:
        ET.SubElement(case, "system-out").text = "\n".join(other)
    return case


def _line(f: Finding, status: Status | None, w: Words) -> str:
    """One finding: status, waiver, severity, subject, page, and what was observed.

    What was observed: in English the rule's own one-line message; in another language its
    evidence, labels translated and values as recorded. The message is an English sentence
    the rule builds (scanner/rules), never machine-translated; every specific it states is in
    the finding's subject or evidence (tests/rules/test_messages.py checks that).
    """
    tag = f"[{w.term(status)}] " if status else ""
    if f.waiver is not None:
        tag += "[" + w(N_("Waived:")) + f" {_text(f.waiver.reason, 200)}] "
    values = {"severity": w.term(f.severity), "subject": _text(f.subject, 300)}
    if w.language == DEFAULT_LANGUAGE:
        values["message"] = _text(f.message, 500)
    else:
        values["message"] = "; ".join(_evidence(f, w)) or "-"
    if f.page:
        text = N_("%(severity)s: %(subject)s on %(page)s: %(message)s")
        return tag + w(text, page=_text(f.page, 300), **values)
    return tag + w(N_("%(severity)s: %(subject)s: %(message)s"), **values)


def _evidence(f: Finding, w: Words) -> list[str]:
    """A finding's evidence as ``label: value`` (labels in the language, values as recorded)."""
    return [
        f"{_text(key if '.' in key else w.term(evidence_label(key)), 60)}: "
        f"{_text(w.term(evidence_value(key, value)), 300)}"
        for key, value in f.evidence
    ]


def _totals(root: ET.Element) -> None:
    total = failures = 0
    for suite in root:
        cases = suite.findall("testcase")
        failed = sum(1 for c in cases if c.find("failure") is not None)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total, failures = total + len(cases), failures + failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")


def _text(value: str, limit: int) -> str:
    """Site text made safe for XML 1.0: control characters shown as escapes."""
    return _XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", clean(value, limit))
