"""The closed registry of output formats (one module each), and writing a scan's report files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from scanner.errors import CookiescanError
from scanner.model import ScanResult
from scanner.report.context import ReportContext, ReportOptions, build_context
from scanner.report.formats.html import HtmlReporter
from scanner.report.formats.interface import Reporter
from scanner.report.formats.json_report import JsonReporter
from scanner.report.formats.junit import JunitReporter
from scanner.report.formats.markdown import MarkdownReporter
from scanner.report.formats.sarif import SarifReporter
from scanner.report.formats.terminal import TerminalReporter
from scanner.report.text.atomic import write_atomic

__all__ = ["OutputFormat", "ReportContext", "ReportOptions", "Reporter", "write_reports"]


class OutputFormat(StrEnum):
    """Every output format; add a member here and a line to ``_FORMATS`` below."""

    TERMINAL = "terminal"
    JSON = "json"
    HTML = "html"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"

    @property
    def file_name(self) -> str | None:
        """The report file this format writes, or None for console-only formats."""
        return _FORMATS[self].file_name

    def reporter(self) -> Reporter:
        """The reporter for this format."""
        return _FORMATS[self].reporter


@dataclass(frozen=True, slots=True)
class _FormatSpec:
    file_name: str | None
    reporter: Reporter


_FORMATS: dict[OutputFormat, _FormatSpec] = {
    OutputFormat.TERMINAL: _FormatSpec(None, TerminalReporter()),
    OutputFormat.JSON: _FormatSpec("report.json", JsonReporter()),
    OutputFormat.HTML: _FormatSpec("report.html", HtmlReporter()),
    OutputFormat.SARIF: _FormatSpec("report.sarif", SarifReporter()),
    OutputFormat.JUNIT: _FormatSpec("report.junit.xml", JunitReporter()),
    OutputFormat.MARKDOWN: _FormatSpec("report.md", MarkdownReporter()),
}


def render(fmt: OutputFormat, result: ScanResult, options: ReportOptions | None = None) -> str:
    """One format's text for ``result`` (builds the report context; prefer one per scan)."""
    return fmt.reporter().render(build_context(result, options))


def write_reports(
    result: ScanResult | ReportContext,
    out_dir: Path,
    formats: Iterable[OutputFormat],
    options: ReportOptions | None = None,
) -> list[Path]:
    """Render and write every file format in ``formats`` (each once) into ``out_dir``.

    The report context is built once for all formats. Console-only formats are skipped.
    Each file is written to a temp file and renamed, so a reader never sees half a report.
    Returns the paths written, in the order given.
    """
    ctx = result if isinstance(result, ReportContext) else build_context(result, options)
    file_formats = [f for f in dict.fromkeys(formats) if f.file_name is not None]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CookiescanError(f"cannot create report directory {out_dir}: {e.strerror or e}") from e
    written: list[Path] = []
    for fmt in file_formats:
        path = out_dir / str(fmt.file_name)
        write_atomic(path, fmt.reporter().render(ctx))
        written.append(path)
    return written
