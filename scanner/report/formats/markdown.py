"""report.md: a short summary for a CI job summary or a pull-request comment."""

from __future__ import annotations

from scanner.model import Finding, ScanResult
from scanner.model.findings import finding_kinds, sort_findings
from scanner.report.context import ReportContext, ReportOptions, build_context
from scanner.report.context.caveats import caveats
from scanner.report.context.comparison import Comparison, ItemChange, Status
from scanner.report.context.counts import Summary, summarize
from scanner.report.context.fixes import FixGroup
from scanner.report.text.profile import profile_summary, tells_summary
from scanner.report.text.safe_text import clean

MAX_ROWS = 20
MAX_ITEMS = 10
# Markdown punctuation (escaped with a backslash) and characters GitHub would turn into HTML,
# mentions or references (written as entities).
_PUNCTUATION = frozenset("\\`*_{}[]()#+-.!|~:")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", '"': "&quot;"}


class MarkdownReporter:
    """Reporter for OutputFormat.MARKDOWN."""

    def render(self, ctx: ReportContext) -> str:
        """The Markdown summary."""
        return _render(ctx)


def md(value: str, limit: int = 200) -> str:
    """Site text as inert Markdown: one line, no markup, no HTML, no mentions."""
    return "".join(_escape(c) for c in clean(value, limit))


def _escape(char: str) -> str:
    if char in _ENTITIES:
        return _ENTITIES[char]
    return "\\" + char if char in _PUNCTUATION else char


def render_markdown(result: ScanResult, options: ReportOptions | None = None) -> str:
    """The Markdown summary of ``result`` (see ``_render``)."""
    return _render(build_context(result, options))


def _render(ctx: ReportContext) -> str:
    """Verdict, counts by severity and state, the most severe findings, and the comparison."""
    result, comparison, decided = ctx.result, ctx.comparison, ctx.verdict
    summary = summarize(result)
    site = result.declarations.site or ", ".join(result.meta.targets) or "(no site)"
    lines = [
        f"## cookiescan: {decided.label.upper()} · {md(site, 300)}",
        "",
        f"Policy: {decided.policy}. Scanned {md(result.meta.started_at, 40)} with cookiescan "
        f"{md(result.meta.scanner_version, 40)} and {md(result.meta.browser_version or '?', 80)}.",
        "",
        *_profile_lines(result),
        _severity_line(summary),
        "",
        *_fix_list(ctx.fixes),
        *_states_table(summary),
        *_findings_table(result.findings, comparison, ctx.options.language),
        *_comparison(comparison),
    ]
    for n, caveat in enumerate(caveats(result)):
        lines.insert(2 + n, f"**{md(caveat, 600)}**\n")
    return "\n".join(lines).rstrip() + "\n"


def _profile_lines(result: ScanResult) -> list[str]:
    """The browser profile the scan used and the tells a site could still use (if probed)."""
    profile, tells = result.meta.browser_profile, result.meta.remaining_tells
    if profile is None:
        return []
    return [
        f"Browser profile: {md(profile_summary(profile), 1200)}. "
        f"Tells a site could still use: {md(tells_summary(profile, tells), 2000)}",
        "",
    ]


def _fix_list(fixes: tuple[FixGroup, ...]) -> list[str]:
    """What to fix first: one item per tag, header or vendor, with its gate."""
    if not fixes:
        return []
    lines = ["### What to fix first", ""]
    for n, g in enumerate(fixes[:MAX_ROWS], 1):
        states = ", ".join(s.value for s in g.states) or "all"
        kinds = ", ".join(g.kinds)
        lines.append(f"{n}. **{md(g.label, 300)}**: {len(g.findings)} findings ({states}): {kinds}")
        if g.needs_gate:
            lines.append(f"   Gate: {md(g.gate(), 600)}")
    return [*lines, ""]


def _severity_line(summary: Summary) -> str:
    counts = " · ".join(f"**{n}** {s}" for s, n in summary.by_severity)
    return f"Findings: {counts} ({summary.findings} total)"


def _states_table(summary: Summary) -> list[str]:
    if not summary.states:
        return ["No consent state was scanned.", ""]
    rows = [
        "| State | Consent | Pages | Failed | Cookies | Third-party domains |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for s in summary.states:
        consent = "applied" if s.consent_applied else "**NOT applied**"
        consent = "baseline" if s.state == "none" else consent
        rows.append(
            f"| {s.state} | {consent} | {s.pages} | {s.pages_failed} | {s.cookies} "
            f"| {s.third_party_domains} |"
        )
    return [*rows, ""]


def _findings_table(
    findings: tuple[Finding, ...], comparison: Comparison | None, language: str = "en"
) -> list[str]:
    if not findings:
        return ["No findings.", ""]
    catalogue = finding_kinds(language)
    statuses = comparison.status_map() if comparison else {}
    head = "| Severity | Finding | State | Subject |"
    rows = [f"| Status {head}" if comparison else head, "| --- " * (5 if comparison else 4) + "|"]
    ordered = sort_findings(findings)
    for f in ordered[:MAX_ROWS]:
        title = catalogue[f.kind].title if f.kind in catalogue else f.kind
        status = f"| {statuses.get(f.identity, Status.UNCHANGED)} " if comparison else ""
        rows.append(
            f"{status}| {f.severity} | {md(title, 100)} | {f.state or 'all'} | {md(f.subject)} |"
        )
    if len(ordered) > MAX_ROWS:
        rows += ["", f"… and {len(ordered) - MAX_ROWS} more in report.html."]
    return ["### Findings", "", *rows, ""]


def _comparison(comparison: Comparison | None) -> list[str]:
    if comparison is None:
        return []
    c = comparison.counts()
    lines = [
        "### Compared with the baseline",
        "",
        f"Findings: **{c['new']}** new · {c['unchanged']} unchanged · {c['resolved']} resolved",
        "",
        f"- Cookies appeared: {_items(comparison.cookies_appeared)}",
        f"- Cookies disappeared: {_items(comparison.cookies_disappeared)}",
        f"- Third parties appeared: {_items(comparison.third_parties_appeared)}",
        f"- Third parties disappeared: {_items(comparison.third_parties_disappeared)}",
    ]
    resolved = comparison.with_status(Status.RESOLVED)
    lines += [
        f"- Resolved: {f.severity} {md(f.kind, 60)} · {md(f.subject)}" for f in resolved[:MAX_ITEMS]
    ]
    return lines


def _items(items: tuple[ItemChange, ...]) -> str:
    if not items:
        return "none"
    shown = ", ".join(md(i.subject, 120) for i in items[:MAX_ITEMS])
    more = f" and {len(items) - MAX_ITEMS} more" if len(items) > MAX_ITEMS else ""
    return f"{len(items)}: {shown}{more}"
