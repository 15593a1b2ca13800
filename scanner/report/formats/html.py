"""report.html: one self-contained, autoescaped page a privacy team can read, print and act on."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass

from scanner.i18n import DEFAULT_LANGUAGE
from scanner.model import ConsentState, Finding, ScanResult, Severity
from scanner.model.findings import FindingKind, finding_kinds, sort_findings
from scanner.report.context import ReportContext, ReportOptions, build_context
from scanner.report.context.caveats import caveats
from scanner.report.context.comparison import Status
from scanner.report.context.counts import SEVERITIES_DESC, StateSummary, summarize
from scanner.report.text.profile import profile_summary, tells_summary
from scanner.report.text.templating import assets, environment

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class KindGroup:
    """The findings of one kind at one severity, with what the kind means."""

    info: FindingKind
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class SeverityGroup:
    """All findings of one severity, by kind."""

    severity: Severity
    kinds: tuple[KindGroup, ...]


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the inline chart (SVG coordinates)."""

    label: str
    series: str
    value: int
    x: int
    y: int
    height: int


class HtmlReporter:
    """Reporter for OutputFormat.HTML."""

    def render(self, ctx: ReportContext) -> str:
        """The whole report.html; every site-controlled string is escaped by the template."""
        result, comparison = ctx.result, ctx.comparison
        summary = summarize(result)
        language = ctx.options.language
        page = environment(language).get_template("report.html.j2")
        return page.render(
            result=result,
            meta=result.meta,
            caveats=caveats(result, language),
            site=result.declarations.site or ", ".join(result.meta.targets),
            summary=summary,
            severities=SEVERITIES_DESC,
            verdict=ctx.verdict,
            groups=group_findings(result.findings, language),
            # A finding's ``message`` is a one-line English sentence its rule builds
            # (scanner/rules via model.findings.finding): shown in English reports only, and
            # never machine-translated. Nothing is lost in another language: every specific
            # the sentence states (names, hosts, lifetimes, limits, counts, steps) is in the
            # finding's subject or its evidence table, which every language shows with
            # translated labels (tests/rules/test_messages.py checks that for every rule).
            show_messages=language == DEFAULT_LANGUAGE,
            statuses=comparison.status_map() if comparison else {},
            comparison=comparison,
            resolved=comparison.with_status(Status.RESOLVED) if comparison else (),
            inventory=ctx.inventory,
            fixes=ctx.fixes,
            chart=chart_bars(summary.states),
            screenshots=screenshots(result),
            settings=dict(result.meta.settings),
            sources=_setting_sources(result),
            profile_summary=profile_summary,
            tells_summary=tells_summary,
            **assets(),
        )


def render_html(result: ScanResult, options: ReportOptions | None = None) -> str:
    """The report page for ``result`` (builds its report context)."""
    return HtmlReporter().render(build_context(result, options))


def group_findings(
    findings: Iterable[Finding], language: str = DEFAULT_LANGUAGE
) -> tuple[SeverityGroup, ...]:
    """Findings by severity (most severe first), then by kind in report order."""
    catalogue = finding_kinds(language)
    by_severity: dict[Severity, dict[str, list[Finding]]] = {}
    for f in sort_findings(findings):
        by_severity.setdefault(f.severity, {}).setdefault(f.kind, []).append(f)
    return tuple(
        SeverityGroup(
            severity,
            tuple(
                KindGroup(catalogue.get(kind) or _unknown_kind(kind, severity), tuple(items))
                for kind, items in by_severity[severity].items()
            ),
        )
        for severity in SEVERITIES_DESC
        if severity in by_severity
    )


def _unknown_kind(kind: str, severity: Severity) -> FindingKind:
    return FindingKind(kind, severity, kind, "", "", "")


def chart_bars(states: Iterable[StateSummary], height: int = 100) -> tuple[Bar, ...]:
    """Bars for cookies and third-party domains per state, scaled to ``height``."""
    pairs = [(s.state, "cookies", s.cookies) for s in states]
    pairs += [(s.state, "third parties", s.third_party_domains) for s in states]
    pairs.sort(key=lambda p: (list(ConsentState).index(p[0]), p[1] != "cookies"))
    top = max((v for _, _, v in pairs), default=0) or 1
    bars = []
    for i, (state, series, value) in enumerate(pairs):
        h = round(value * height / top)
        bars.append(Bar(str(state), series, value, 10 + i * 34 + (i // 2) * 14, height - h, h))
    return tuple(bars)


def screenshots(result: ScanResult) -> tuple[tuple[ConsentState, str], ...]:
    """(state, base64 PNG) for every state whose consent evidence has a valid PNG screenshot."""
    return tuple(
        (s.state, s.consent.screenshot)
        for s in result.states
        if s.consent.screenshot and is_png_base64(s.consent.screenshot)
    )


def is_png_base64(data: str) -> bool:
    """Whether ``data`` is strict base64 of a PNG image."""
    try:
        return base64.b64decode(data, validate=True)[:8] == PNG_MAGIC
    except (binascii.Error, ValueError):
        return False


def _setting_sources(result: ScanResult) -> dict[str, str]:
    """Where each shown setting came from, keyed as the report's settings are."""
    renamed = {"third_party_cookies": "third_party_cookies", "headers": "extra_headers"}
    return {renamed.get(k, k): v for k, v in result.meta.setting_sources}
