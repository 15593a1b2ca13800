"""report.sarif: SARIF 2.1.0 for GitHub code scanning, located in expected_cookies.yaml.

Rule texts and result messages are in the report language; ids, levels and properties
(evidence included, as recorded) are the same in every language.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any

from scanner import __version__
from scanner.i18n import DEFAULT_LANGUAGE, N_
from scanner.model import Finding, ScanResult, Severity, Waiver
from scanner.model.findings import FindingKind, finding_kinds, sort_findings
from scanner.report.context import ReportContext, ReportOptions, build_context
from scanner.report.context.caveats import complete
from scanner.report.context.comparison import Comparison, Status
from scanner.report.text.l10n import Words
from scanner.report.text.safe_text import clean

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "cookiescanIdentity/v1"
LEVELS = {
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub code scanning orders alerts by this (0.0-10.0) for security-like results.
SECURITY_SEVERITY = {Severity.HIGH: "8.0", Severity.MEDIUM: "5.0", Severity.LOW: "3.0"}
BASELINE_STATES = {Status.NEW: "new", Status.UNCHANGED: "unchanged", Status.RESOLVED: "absent"}


class SarifReporter:
    """Reporter for OutputFormat.SARIF."""

    def render(self, ctx: ReportContext) -> str:
        """The SARIF log as JSON text."""
        return json.dumps(_log(ctx), indent=2, ensure_ascii=False) + "\n"


def render_sarif(result: ScanResult, options: ReportOptions | None = None) -> str:
    """SARIF 2.1.0 text: one run, one rule per finding kind, one result per finding."""
    return SarifReporter().render(build_context(result, options))


def sarif_log(result: ScanResult, options: ReportOptions | None = None) -> dict[str, Any]:
    """The SARIF log as plain data."""
    return _log(build_context(result, options))


def _log(ctx: ReportContext) -> dict[str, Any]:
    """The SARIF log of one report context."""
    result, comparison = ctx.result, ctx.comparison
    words = Words(ctx.options.language)
    kinds = _kinds(result, comparison, words.language)
    index = {k.kind: i for i, k in enumerate(kinds)}
    artifact = _artifact(result)
    ordered = sort_findings(result.findings)
    results = [_result(f, ctx, artifact, (index, kinds)) for f in ordered]
    if comparison is not None:
        resolved = comparison.with_status(Status.RESOLVED)
        results += [_result(f, ctx, artifact, (index, kinds), True) for f in resolved]
    run: dict[str, Any] = {
        "tool": {"driver": _driver(kinds, words)},
        "results": results,
        "language": words.language,
        "properties": {"targets": [clean(t, 500) for t in result.meta.targets]},
    }
    if artifact is not None:
        root = words(N_("The repository root."))
        run["originalUriBaseIds"] = {SRCROOT: {"description": {"text": root}}}
        run["artifacts"] = [{"location": artifact}]
    invocation: dict[str, Any] = {"executionSuccessful": complete(result)}
    if result.meta.started_at and result.meta.finished_at:
        invocation |= {
            "startTimeUtc": result.meta.started_at,
            "endTimeUtc": result.meta.finished_at,
        }
    run["invocations"] = [invocation]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _kinds(
    result: ScanResult, comparison: Comparison | None, language: str = "en"
) -> list[FindingKind]:
    """Every catalogued kind (texts in ``language``), then unknown kinds findings use."""
    catalogue = finding_kinds(language)
    kinds = list(catalogue.values())
    extra = {f.kind: f.severity for f in result.findings if f.kind not in catalogue}
    if comparison is not None:
        extra |= {c.finding.kind: c.finding.severity for c in comparison.findings}
        extra = {k: v for k, v in extra.items() if k not in catalogue}
    kinds += [FindingKind(k, s, k, "", "", "") for k, s in sorted(extra.items())]
    return kinds


def _driver(kinds: list[FindingKind], w: Words) -> dict[str, Any]:
    return {
        "name": "cookiescan",
        "version": __version__,
        "semanticVersion": __version__,
        "language": w.language,
        "rules": [_rule(k, w) for k in kinds],
    }


def _rule(kind: FindingKind, w: Words) -> dict[str, Any]:
    title = clean(kind.title, 200)
    to_do = w(N_("What to do:"))
    help_text = f"{kind.why}\n\n{to_do} {kind.fix}" if kind.fix else kind.why or title
    rule: dict[str, Any] = {
        "id": clean(kind.kind, 100),
        "name": "".join(p.capitalize() for p in clean(kind.kind, 100).split("_")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": kind.why or title},
        "help": {"text": help_text, "markdown": _help_markdown(kind, w) or title},
        "defaultConfiguration": {"level": LEVELS[kind.severity]},
        "properties": {"tags": ["privacy", "cookies"], "rule": kind.rule},
    }
    if kind.severity in SECURITY_SEVERITY:
        rule["properties"]["security-severity"] = SECURITY_SEVERITY[kind.severity]
    return rule


def _help_markdown(kind: FindingKind, w: Words) -> str:
    label, to_do = w(N_("Rule:")), w(N_("What to do:"))
    rule = f"**{label}** {kind.rule}" if kind.rule else ""
    fix = f"**{to_do}** {kind.fix}" if kind.fix else ""
    return "\n\n".join(p for p in (rule, kind.why, fix) if p)


def _artifact(result: ScanResult) -> dict[str, Any] | None:
    """The declarations file as a SARIF artifact location (relative to the repository root)."""
    path = result.meta.declared_path or result.declarations.path
    if not path:
        return None
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": pure.as_posix(), "uriBaseId": SRCROOT}


def _result(
    f: Finding,
    ctx: ReportContext,
    artifact: dict[str, Any] | None,
    rules: tuple[dict[str, int], list[FindingKind]],
    resolved: bool = False,
) -> dict[str, Any]:
    comparison = ctx.comparison
    index, kinds = rules
    words = Words(ctx.options.language)
    out: dict[str, Any] = {
        "ruleId": clean(f.kind, 100),
        "ruleIndex": index[f.kind],
        "level": "none" if resolved else LEVELS[f.severity],
        "message": {"text": _message(f, kinds[index[f.kind]].title, words)},
        "locations": [_location(f, ctx, artifact)],
        "partialFingerprints": {FINGERPRINT: _fingerprint(f)},
        "properties": _properties(f),
    }
    if resolved:
        out["kind"] = "pass"
    if f.waiver is not None:
        out["suppressions"] = [_suppression(f.waiver, words)]
    if comparison is not None:
        status = Status.RESOLVED if resolved else comparison.status_map()[f.identity]
        out["baselineState"] = BASELINE_STATES[status]
    return out


def _suppression(waiver: Waiver, w: Words) -> dict[str, Any]:
    """A waiver as a SARIF suppression (accepted in expected_cookies.yaml)."""
    who = w(N_("owner %(owner)s, until %(until)s"), owner=waiver.owner, until=waiver.expires)
    text = f"{waiver.reason} ({who})"
    suppression: dict[str, Any] = {"kind": "external", "justification": clean(text, 1000)}
    if waiver.line is not None:
        suppression["properties"] = {"line": waiver.line}
    return suppression


def _message(f: Finding, title: str, w: Words) -> str:
    """The result's message: what was found, in which state, on which page.

    What was found: in English the rule's own one-line message; in another language the kind's
    translated title and the subject. The message is an English sentence the rule builds
    (scanner/rules), never machine-translated; its specifics are in the subject and in the
    evidence (``properties.evidence``, in every language; tests/rules/test_messages.py).
    """
    if w.language == DEFAULT_LANGUAGE:
        found = clean(f.message, 1000).rstrip(".")
    else:
        found = w(
            N_("%(title)s: %(subject)s"), title=clean(title, 200), subject=clean(f.subject, 300)
        )
    if f.state:
        text = w(N_("%(found)s (state: %(state)s)."), found=found, state=w.term(f.state))
    else:
        text = found + "."
    if f.page:
        text += " " + w(N_("Page: %(page)s"), page=clean(f.page, 500))
    return text


def _location(f: Finding, ctx: ReportContext, artifact: dict[str, Any] | None) -> dict[str, Any]:
    logical = {"name": clean(f.subject, 300), "kind": "resource"}
    if artifact is None:
        return {"logicalLocations": [logical]}
    physical: dict[str, Any] = {"artifactLocation": {**artifact, "index": 0}}
    line = ctx.declaration_line(f)
    physical["region"] = {"startLine": line or 1}
    return {"physicalLocation": physical, "logicalLocations": [logical]}


def _fingerprint(f: Finding) -> str:
    return hashlib.sha256("\x1f".join(f.identity).encode("utf-8", "replace")).hexdigest()[:32]


def _properties(f: Finding) -> dict[str, Any]:
    props: dict[str, Any] = {
        "severity": str(f.severity),
        "state": str(f.state) if f.state else None,
        "subject": clean(f.subject, 500),
        "page": clean(f.page, 1000) if f.page else None,
        "evidence": {clean(k, 100): clean(v, 1000) for k, v in f.evidence},
    }
    return {k: v for k, v in props.items() if v is not None}
