"""report.md: a short summary for a CI job summary or a pull-request comment.

Written in the report language like report.html: every word is a catalog message (marked with
``N_`` / ``NP_`` here, many shared with the HTML templates), numbers and dates are the locale's.
Site text, recorded values and identifiers stay as recorded, escaped into inert Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scanner.i18n import N_, NP_
from scanner.model import Finding, ScanMeta, ScanResult
from scanner.model.findings import finding_kinds, sort_findings
from scanner.report.context import ReportContext, ReportOptions, build_context
from scanner.report.context.caveats import caveats
from scanner.report.context.comparison import Comparison, ItemChange, Status
from scanner.report.context.counts import Summary, summarize
from scanner.report.context.fixes import FixGroup
from scanner.report.context.verdict import Verdict
from scanner.report.text.l10n import Words
from scanner.report.text.profile import profile_summary, tells_summary
from scanner.report.text.safe_text import clean

MAX_ROWS = 20
MAX_ITEMS = 10
# Markdown punctuation (escaped with a backslash) and characters GitHub would turn into HTML,
# mentions or references (written as entities).
_PUNCTUATION = frozenset("\\`*_{}[]()#+-.!|~:")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", '"': "&quot;"}
_IDENTIFIER = re.compile(r"[A-Za-z0-9_.-]{1,100}")
STATE_HEADS = (
    N_("State"), N_("Consent"), N_("Pages"), N_("Failed"), N_("Cookies"),
    N_("Third-party domains"),
)  # fmt: skip
FINDING_HEADS = (N_("Severity"), N_("Finding"), N_("State"), N_("Subject"))
CHANGES = (
    ("cookies_appeared", N_("Cookies that appeared: %(items)s")),
    ("cookies_disappeared", N_("Cookies that disappeared: %(items)s")),
    ("third_parties_appeared", N_("Third parties that appeared: %(items)s")),
    ("third_parties_disappeared", N_("Third parties that disappeared: %(items)s")),
)
MORE_IN_HTML = N_("… and %(num)s more in report.html.")


class MarkdownReporter:
    """Reporter for OutputFormat.MARKDOWN."""

    def render(self, ctx: ReportContext) -> str:
        """The Markdown summary."""
        return _render(ctx)


def md(value: str, limit: int = 200) -> str:
    """Site text as inert Markdown: one line, no markup, no HTML, no mentions."""
    return "".join(_escape(c) for c in clean(value, limit))


def code(value: str) -> str:
    """An identifier (a finding kind) as a code span; anything else as inert text."""
    return f"`{value}`" if _IDENTIFIER.fullmatch(value) else md(value, 100)


def _escape(char: str) -> str:
    if char in _ENTITIES:
        return _ENTITIES[char]
    return "\\" + char if char in _PUNCTUATION else char


def render_markdown(result: ScanResult, options: ReportOptions | None = None) -> str:
    """The Markdown summary of ``result`` (see ``_render``)."""
    return _render(build_context(result, options))


def _render(ctx: ReportContext) -> str:
    """Verdict, counts by severity and state, the most severe findings, and the comparison."""
    w = Words(ctx.options.language)
    result, comparison = ctx.result, ctx.comparison
    summary = summarize(result)
    site = result.declarations.site or ", ".join(result.meta.targets) or w(N_("(no site)"))
    lines = [
        f"## cookiescan: {w.term(ctx.verdict.label).upper()} · {md(site, 300)}",
        "",
        f"{_policy(ctx.verdict, w)} {_scanned(result.meta, w)}",
        "",
        *_profile_lines(result, w),
        _severity_line(summary, w),
        "",
        *_fix_list(ctx.fixes, w),
        *_states_table(summary, w),
        *_findings_table(result.findings, comparison, w),
        *_comparison(comparison, w),
    ]
    for n, caveat in enumerate(caveats(result, w.language)):
        lines.insert(2 + n, f"**{md(caveat, 600)}**\n")
    return "\n".join(lines).rstrip() + "\n"


def _policy(verdict: Verdict, w: Words) -> str:
    """The policy that decides the verdict, in words (the same sentences as report.html)."""
    if verdict.fail_on is None:
        return w(N_("Policy: never fail on findings."))
    if verdict.only_new:
        text = N_("Policy: fail on new findings at or above %(severity)s.")
    else:
        text = N_("Policy: fail on any finding at or above %(severity)s.")
    return w(text, severity=w.term(verdict.fail_on))


def _scanned(meta: ScanMeta, w: Words) -> str:
    browser = md(meta.browser_version, 80) if meta.browser_version else w.term("unknown")
    return w(
        N_("Scanned %(date)s with cookiescan %(version)s and %(browser)s."),
        date=md(w.date(meta.started_at), 60),
        version=md(meta.scanner_version, 40),
        browser=browser,
    )


def _profile_lines(result: ScanResult, w: Words) -> list[str]:
    """The browser profile the scan used and the tells a site could still use (if probed)."""
    profile, tells = result.meta.browser_profile, result.meta.remaining_tells
    if profile is None:
        return []
    text = N_("Browser profile: %(profile)s. Tells a site could still use: %(tells)s")
    shown = md(profile_summary(profile), 1200)
    return [w(text, profile=shown, tells=md(tells_summary(profile, tells), 2000)), ""]


def _fix_list(fixes: tuple[FixGroup, ...], w: Words) -> list[str]:
    """What to fix first: one item per tag, header or vendor, with its gate."""
    if not fixes:
        return []
    heading = w(N_("What to fix first"))
    lines = [f"### {heading}", ""]
    for n, g in enumerate(fixes[:MAX_ROWS], 1):
        item = w(
            N_("%(label)s: %(count)s (%(states)s): %(kinds)s"),
            label=f"**{md(g.label(w.language), 300)}**",
            count=w.plural(NP_("%(num)s finding", "%(num)s findings"), len(g.findings)),
            states=", ".join(w.term(s) for s in g.states) or w(N_("all")),
            kinds=", ".join(code(k) for k in g.kinds),
        )
        lines.append(f"{n}. {item}")
        if g.needs_gate:
            lines.append("   " + w(N_("Gate to add: %(gate)s"), gate=md(g.gate(w.language), 600)))
    if len(fixes) > MAX_ROWS:
        lines += ["", w(MORE_IN_HTML, num=w.num(len(fixes) - MAX_ROWS))]
    return [*lines, ""]


def _severity_line(summary: Summary, w: Words) -> str:
    counts = " · ".join(f"**{w.num(n)}** {w.term(s)}" for s, n in summary.by_severity)
    text = N_("Findings: %(counts)s (%(total)s total)")
    return w(text, counts=counts, total=w.num(summary.findings))


def _states_table(summary: Summary, w: Words) -> list[str]:
    if not summary.states:
        return [w(N_("No consent state was scanned.")), ""]
    rows = [_row(w(h) for h in STATE_HEADS), "| --- | --- | ---: | ---: | ---: | ---: |"]
    for s in summary.states:
        consent = w(N_("applied")) if s.consent_applied else "**" + w(N_("NOT applied")) + "**"
        consent = w(N_("baseline")) if s.state == "none" else consent
        numbers = (s.pages, s.pages_failed, s.cookies, s.third_party_domains)
        rows.append(_row([w.term(s.state), consent, *(w.num(n) for n in numbers)]))
    return [*rows, ""]


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _findings_table(
    findings: tuple[Finding, ...], comparison: Comparison | None, w: Words
) -> list[str]:
    if not findings:
        return [w(N_("No findings.")), ""]
    catalogue = finding_kinds(w.language)
    statuses = comparison.status_map() if comparison else {}
    heads = [w(h) for h in FINDING_HEADS]
    heads = [w(N_("Status")), *heads] if comparison else heads
    rows = [_row(heads), "| --- " * len(heads) + "|"]
    ordered = sort_findings(findings)
    for f in ordered[:MAX_ROWS]:
        title = catalogue[f.kind].title if f.kind in catalogue else f.kind
        state = w.term(f.state) if f.state else w(N_("all states"))
        cells = [w.term(f.severity), md(title, 100), state, md(f.subject)]
        if comparison:
            cells.insert(0, w.term(statuses.get(f.identity, Status.UNCHANGED)))
        rows.append(_row(cells))
    if len(ordered) > MAX_ROWS:
        rows += ["", w(MORE_IN_HTML, num=w.num(len(ordered) - MAX_ROWS))]
    return ["### " + w(N_("Findings")), "", *rows, ""]


def _comparison(comparison: Comparison | None, w: Words) -> list[str]:
    if comparison is None:
        return []
    c = comparison.counts()
    counts = " · ".join(
        f"**{w.num(c[k])}** {w.term(k)}" if k == "new" else f"{w.num(c[k])} {w.term(k)}"
        for k in ("new", "unchanged", "resolved")
    )
    lines = [
        "### " + w(N_("Compared with the baseline scan")),
        "",
        w(N_("Findings: %(counts)s"), counts=counts),
        "",
        *(f"- {w(text, items=_items(getattr(comparison, name), w))}" for name, text in CHANGES),
    ]
    for f in comparison.with_status(Status.RESOLVED)[:MAX_ITEMS]:
        finding = f"{w.term(f.severity)} {code(f.kind)} · {md(f.subject)}"
        lines.append("- " + w(N_("Resolved: %(finding)s"), finding=finding))
    return lines


def _items(items: tuple[ItemChange, ...], w: Words) -> str:
    if not items:
        return w(N_("None."))
    shown = ", ".join(md(i.subject, 120) for i in items[:MAX_ITEMS])
    if len(items) > MAX_ITEMS:
        shown += " " + w(N_("and %(num)s more"), num=w.num(len(items) - MAX_ITEMS))
    return f"{w.num(len(items))}: {shown}"
