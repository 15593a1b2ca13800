"""The summary of a `--sites` run: a terminal table, summary.json and an index of the sites."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.declared.sites import SiteEntry
from scanner.errors import ExitCode
from scanner.i18n import DEFAULT_LANGUAGE, N_
from scanner.report.context import ReportContext
from scanner.report.context.counts import severity_counts
from scanner.report.folder.index_page import render_index
from scanner.report.folder.scans import ScanEntry, entry_of
from scanner.report.text.atomic import write_atomic

SUMMARY = "summary.json"
SUMMARY_VERSION = 1
INDEX = "index.html"
_STATUS = {
    ExitCode.CLEAN: N_("clean"),
    ExitCode.FINDINGS: N_("findings"),
    ExitCode.USAGE: N_("config error"),
    ExitCode.SCAN_FAILED: N_("failed"),
    ExitCode.INTERRUPTED: N_("interrupted"),
}  # summary.json keeps these words; the pages show them in the report language


@dataclass(frozen=True, slots=True)
class SiteOutcome:
    """How one site of the run ended: exit code, time, report (or the error instead)."""

    site: SiteEntry
    exit_code: int
    seconds: float
    ctx: ReportContext | None = None
    folder: Path | None = None
    error: str | None = None

    @property
    def status(self) -> str:
        """clean, findings, config error, failed or interrupted."""
        return _STATUS.get(ExitCode(self.exit_code), str(self.exit_code))

    @property
    def pages(self) -> int:
        """Pages recorded, all states together."""
        if self.ctx is None:
            return 0
        return sum(len(s.observations) for s in self.ctx.result.states)


def summary_dict(
    outcomes: Sequence[SiteOutcome],
    out: Path,
    interrupted: bool,
    language: str = DEFAULT_LANGUAGE,
) -> dict[str, Any]:
    """The content of summary.json (documented in the README)."""
    return {
        "schema_version": SUMMARY_VERSION,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "interrupted": interrupted,
        "report_language": language,
        "exit_code": max((o.exit_code for o in outcomes), default=0),
        "sites": [_site_dict(o, out) for o in outcomes],
    }


def _site_dict(outcome: SiteOutcome, out: Path) -> dict[str, Any]:
    result = outcome.ctx.result if outcome.ctx else None
    findings = result.findings if result else ()
    report = outcome.folder.relative_to(out).as_posix() if outcome.folder else None
    return {
        "name": outcome.site.name,
        "slug": outcome.site.slug,
        "targets": list(result.meta.targets) if result else list(outcome.site.urls),
        "declared": str(outcome.site.declared) if outcome.site.declared else None,
        "status": outcome.status,
        "exit_code": outcome.exit_code,
        "error": outcome.error,
        "seconds": outcome.seconds,
        "pages": outcome.pages,
        "findings": {
            "total": len(findings),
            "by_severity": {str(s): n for s, n in severity_counts(findings)},
        },
        "report": report,
    }


def write_summary(
    out: Path,
    outcomes: Sequence[SiteOutcome],
    interrupted: bool,
    language: str = DEFAULT_LANGUAGE,
) -> Path:
    """Write ``out/summary.json`` (``language``: the run's report language)."""
    out.mkdir(parents=True, exist_ok=True)
    data = summary_dict(outcomes, out, interrupted, language)
    text = json.dumps(data, indent=2, sort_keys=True)
    path = out / SUMMARY
    write_atomic(path, text + "\n")
    return path


def write_sites_index(
    out: Path, outcomes: Sequence[SiteOutcome], language: str = DEFAULT_LANGUAGE
) -> Path:
    """Write ``out/index.html``: each site's scan of this run, linking into its folder, in
    the run's report language."""
    entries = [e for o in outcomes if o.folder for e in [_entry(out, o.folder)] if e]
    path = out / INDEX
    write_atomic(path, render_index(entries, language=language))
    return path


def _entry(out: Path, folder: Path) -> ScanEntry | None:
    entry = entry_of(folder)
    if entry is None:
        return None
    prefix = folder.parent.relative_to(out).as_posix()
    return replace(entry, folder=f"{prefix}/{entry.folder}", href=f"{prefix}/{entry.href}")


def print_summary(outcomes: Sequence[SiteOutcome], console: Console) -> None:
    """One row per site: status, findings by severity, pages, time, report folder or error."""
    table = Table(title="sites", title_justify="left")
    for column in ("site", "status", "findings", "pages", "time", "report"):
        table.add_column(column, overflow="fold")
    for o in outcomes:
        result = o.ctx.result if o.ctx else None
        counts = severity_counts(result.findings) if result else ()
        text = ", ".join(f"{n} {s}" for s, n in counts if n) or ("0" if result else "-")
        where = str(o.folder) if o.folder else (o.error or "")
        cells = (o.site.name, o.status, text, str(o.pages), f"{o.seconds:.1f}s", where)
        table.add_row(*(Text(c) for c in cells))
    console.print(table)
