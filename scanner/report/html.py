"""report.html: one self-contained, autoescaped page a privacy team can read, print and act on."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from scanner.findings import FindingKind, finding_kinds, sort_findings
from scanner.knowledge import KnowledgeBase, load_knowledge
from scanner.model import ConsentState, Finding, ScanResult, Severity
from scanner.report.diff import Status, compare, verdict
from scanner.report.history import ScanEntry
from scanner.report.interface import ReportOptions
from scanner.report.inventory import build_inventory
from scanner.report.safe_text import clean
from scanner.report.summary import SEVERITIES_DESC, StateSummary, summarize

TEMPLATES = "scanner.report.templates"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SITE_TEXT_LIMIT = 500
EVIDENCE_LABELS = {
    "phase": "when",
    "set_by": "set by",
    "setter": "setter (who set it)",
    "initiator": "initiator (who asked for it)",
    "lifetime_requested": "lifetime asked",
    "lifetime_stored": "lifetime stored",
    "raw_expiry": "expiry as sent",
    "resource_type": "resource type",
}
PHASES = {
    "before_consent": "before the consent action",
    "after_consent": "after the consent action",
}


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

    def __init__(self, options: ReportOptions | None = None, kb: KnowledgeBase | None = None):
        self._options = options or ReportOptions()
        self._kb = kb

    def render(self, result: ScanResult) -> str:
        """The whole report.html."""
        return render_html(result, self._options, self._kb)


def default_knowledge() -> KnowledgeBase | None:
    """The knowledge base for the inventory's "known" column (None if it cannot load)."""
    try:
        return load_knowledge()
    except (OSError, ValueError):
        return None


def render_html(
    result: ScanResult, options: ReportOptions | None = None, kb: KnowledgeBase | None = None
) -> str:
    """Render the report page; every site-controlled string is escaped by the template.

    ``kb`` gives the inventory's "known" column (default: the bundled knowledge base).
    """
    options = options or ReportOptions()
    kb = kb or default_knowledge()
    comparison = compare(options.baseline, result) if options.baseline else None
    assets = _assets()
    page = _environment().get_template("report.html.j2")
    return page.render(
        result=result,
        meta=result.meta,
        site=result.declarations.site or ", ".join(result.meta.targets),
        summary=summarize(result),
        severities=SEVERITIES_DESC,
        verdict=verdict(result, options.fail_on, comparison, options.fail_on_new),
        groups=group_findings(result.findings),
        statuses=comparison.status_map() if comparison else {},
        comparison=comparison,
        resolved=comparison.with_status(Status.RESOLVED) if comparison else (),
        inventory=build_inventory(result, kb),
        chart=chart_bars(summarize(result).states),
        screenshots=screenshots(result),
        settings=dict(result.meta.settings),
        **assets,
    )


def render_index(entries: Sequence[ScanEntry], latest_href: str | None = None) -> str:
    """The reports folder's index.html: every scan, newest first."""
    page = _environment().get_template("index.html.j2")
    return page.render(entries=entries, latest=latest_href, **_assets())


def group_findings(findings: Iterable[Finding]) -> tuple[SeverityGroup, ...]:
    """Findings by severity (most severe first), then by kind in report order."""
    catalogue = finding_kinds()
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


def site_text(value: object, limit: int = SITE_TEXT_LIMIT) -> str:
    """Jinja filter: site text on one line, control characters visible, cut to ``limit``."""
    return clean("" if value is None else str(value), limit)


def evidence_label(key: str) -> str:
    """Jinja filter: a readable label for an evidence key."""
    return EVIDENCE_LABELS.get(key, key.replace("_", " "))


def evidence_value(key: str, value: str) -> str:
    """Readable evidence values: phases in words."""
    return PHASES.get(value, value) if key == "phase" else value


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("scanner.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["site"] = site_text
    env.filters["label"] = evidence_label
    env.globals["evidence_value"] = evidence_value
    return env


@functools.cache
def _assets() -> dict[str, Any]:
    """The inline style sheet and script, and the CSP that allows exactly them."""
    folder = resources.files(TEMPLATES)
    css = folder.joinpath("report.css").read_text("utf-8")
    js = folder.joinpath("report.js").read_text("utf-8")
    csp = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'"
    )
    return {"css": css, "js": js, "csp": csp}


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
