"""Terminal summary of a scan, drawn into an injected rich Console; site text is never markup."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.model import ConsentEvidence, ConsentState, Finding, ScanResult, Severity
from scanner.report.context import ReportContext
from scanner.report.context.caveats import caveats
from scanner.report.context.counts import Summary, summarize
from scanner.report.text.safe_text import clean

MAX_FINDING_ROWS = 200
REPORT_WIDTH = 120
SEVERITY_STYLES: dict[Severity, str] = {
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
# Finding table columns: header, the most characters shown, share of the spare width
# (0: as wide as its content, never wrapped).
FINDING_COLUMNS: tuple[tuple[str, int, int], ...] = (
    ("Severity", 8, 0),
    ("Kind", 32, 2),
    ("State", 6, 0),
    ("Subject", 60, 2),
    ("Page", 60, 1),
    ("Message", 100, 3),
)


def render_summary(
    result: ScanResult, console: Console, *, max_findings: int = MAX_FINDING_ROWS
) -> None:
    """Print header, consent outcome per state, findings (most severe first) and counts."""
    summary = summarize(result)
    console.print(_header(result, summary))
    if result.states:
        console.print(_consent_table(result))
    _print_findings(result, console, max_findings)
    console.print(_counts(summary))


class TerminalReporter:
    """Reporter for OutputFormat.TERMINAL: the summary as plain text."""

    def render(self, ctx: ReportContext) -> str:
        """The terminal summary without colours, at a fixed width."""
        console = Console(file=io.StringIO(), record=True, width=REPORT_WIDTH, color_system=None)
        render_summary(ctx.result, console)
        return console.export_text()


def _field(label: str, value: str, limit: int = 200) -> Text:
    return Text.assemble((f"{label}: ", "bold"), clean(value, limit))


def _header(result: ScanResult, summary: Summary) -> Text:
    meta, decl = result.meta, result.declarations
    site = decl.site or ", ".join(meta.targets) or "(none)"
    lines = [
        Text.assemble(("cookiescan ", "bold"), clean(meta.scanner_version, 40)),
        _field("Site", site),
        _field("Browser", meta.browser_version or "(unknown)"),
        _field("Declared", _declared(result)),
        _field("States", ", ".join(str(s) for s in meta.states) or "(none)"),
        _field("Pages", _pages(summary) or "(none)"),
        _field("Time", f"{meta.started_at} → {meta.finished_at}"),
    ]
    if meta.targets != (site,):
        lines.insert(2, _field("Targets", ", ".join(meta.targets) or "(none)"))
    if len(meta.first_party) > 1:  # a redirect to another domain, or declared ones
        shown = ", ".join(f"{e.domain} ({e.reason})" for e in meta.first_party)
        lines.insert(2, _field("First party", shown, 400))
    if meta.interrupted:
        lines.append(Text("INTERRUPTED: the scan stopped early; results are partial.", "bold red"))
    told = caveats(result)[1 if meta.interrupted else 0 :]  # "interrupted" is said above
    lines += [Text(clean(caveat, 600), "bold red") for caveat in told]
    return Text("\n").join(lines)


def _declared(result: ScanResult) -> str:
    decl = result.declarations
    path = result.meta.declared_path or decl.path
    if path is None:
        return "(no declarations file)"
    return f"{path} (cookies: {len(decl.cookies)}, third parties: {len(decl.third_parties)})"


def _pages(summary: Summary) -> str:
    return " · ".join(
        f"{s.state} {s.pages}" + (f" ({s.pages_failed} failed)" if s.pages_failed else "")
        for s in summary.states
    )


def _consent_table(result: ScanResult) -> Table:
    table = Table(title="Consent", title_justify="left", show_lines=False)
    for header in ("State", "Outcome", "Strategy", "Detail"):
        table.add_column(header, overflow="fold")
    for state in result.states:
        table.add_row(
            Text(str(state.state)),
            _consent_outcome(state.consent),
            Text(clean(state.consent.strategy or "-", 40)),
            Text(clean(state.consent.detail or "", 100)),
        )
    return table


def _consent_outcome(consent: ConsentEvidence) -> Text:
    if consent.state is ConsentState.NONE:
        return Text("no action (baseline)", "dim")
    if consent.state is ConsentState.GPC:
        return Text("no action, Global Privacy Control on", "dim")
    if consent.applied:
        return Text("applied" + (", GPC on" if consent.state.sends_gpc else ""), "green")
    return Text("NOT applied", "bold red")


def _print_findings(result: ScanResult, console: Console, limit: int) -> None:
    if not result.findings:
        console.print(Text("No findings.", "green"))
        return
    ordered = sorted(result.findings, key=lambda f: -f.severity.rank)
    console.print(_findings_table(ordered[:limit], _origin(result)))
    if len(ordered) > limit:
        more = len(ordered) - limit
        console.print(Text(f"… and {more} more — see report.json", "bold"))


def _findings_table(findings: list[Finding], origin: str) -> Table:
    table = Table(title="Findings", title_justify="left", expand=True)
    for header, _, ratio in FINDING_COLUMNS:
        table.add_column(header, overflow="fold", no_wrap=not ratio, ratio=ratio or None)
    for f in findings:
        table.add_row(*_finding_cells(f, origin))
    return table


def _finding_cells(finding: Finding, origin: str) -> list[Text]:
    values = (
        str(finding.severity),
        finding.kind,
        str(finding.state or "-"),
        finding.subject,
        _short_page(finding.page, origin),
        finding.message,
    )
    cells = [
        Text(clean(v, limit)) for v, (_, limit, _) in zip(values, FINDING_COLUMNS, strict=True)
    ]
    cells[0].stylize(SEVERITY_STYLES.get(finding.severity, ""))
    return cells


def _origin(result: ScanResult) -> str:
    """``scheme://host[:port]`` of the scanned site, to show its pages as paths."""
    site = result.declarations.site or next(iter(result.meta.targets), "")
    parts = urlsplit(site)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _short_page(page: str | None, origin: str) -> str:
    if page is None:
        return "-"
    if origin and page.startswith(origin) and page[len(origin) : len(origin) + 1] in ("", "/", "?"):
        return page[len(origin) :] or "/"
    return page


def _counts(summary: Summary) -> Text:
    by_severity = " · ".join(f"{n} {s}" for s, n in summary.by_severity)
    by_kind = ", ".join(f"{k} {n}" for k, n in summary.by_kind) or "-"
    return Text("\n").join(
        [
            Text.assemble(("Findings: ", "bold"), f"{by_severity} ({summary.findings} total)"),
            _field("By kind", by_kind, 2000),
        ]
    )
