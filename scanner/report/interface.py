"""Output formats (a closed registry), the Reporter protocol, and atomic report file writing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

from scanner.errors import CookiescanError
from scanner.model import ScanResult, Severity


@runtime_checkable
class Reporter(Protocol):
    """Turns a scan result into the text of one output format; pure and deterministic."""

    def render(self, result: ScanResult) -> str:
        """The whole report as text."""
        ...


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What a reporter needs besides the result: the policy and an optional baseline scan.

    ``fail_on`` decides the verdict (None: never fail); with ``fail_on_new`` only findings new
    since ``baseline`` count. Formats that show comparisons compare against ``baseline``.
    """

    fail_on: Severity | None = Severity.MEDIUM
    baseline: ScanResult | None = None
    fail_on_new: bool = False


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

    def reporter(self, options: ReportOptions | None = None) -> Reporter:
        """A reporter for this format (default options: fail on medium, no baseline)."""
        return _FORMATS[self].factory(options or ReportOptions())


@dataclass(frozen=True, slots=True)
class _FormatSpec:
    file_name: str | None
    factory: Callable[[ReportOptions], Reporter]


# Lazy imports in the factories below: no import cycles, and a format's dependencies load
# only when it is used.
def _terminal(_options: ReportOptions) -> Reporter:
    from scanner.report.terminal import TerminalReporter

    return TerminalReporter()


def _json(_options: ReportOptions) -> Reporter:
    from scanner.report.json_report import JsonReporter

    return JsonReporter()


def _html(options: ReportOptions) -> Reporter:
    from scanner.report.html import HtmlReporter

    return HtmlReporter(options)


def _sarif(options: ReportOptions) -> Reporter:
    from scanner.report.sarif import SarifReporter

    return SarifReporter(options)


def _junit(options: ReportOptions) -> Reporter:
    from scanner.report.junit import JunitReporter

    return JunitReporter(options)


def _markdown(options: ReportOptions) -> Reporter:
    from scanner.report.markdown import MarkdownReporter

    return MarkdownReporter(options)


_FORMATS: dict[OutputFormat, _FormatSpec] = {
    OutputFormat.TERMINAL: _FormatSpec(None, _terminal),
    OutputFormat.JSON: _FormatSpec("report.json", _json),
    OutputFormat.HTML: _FormatSpec("report.html", _html),
    OutputFormat.SARIF: _FormatSpec("report.sarif", _sarif),
    OutputFormat.JUNIT: _FormatSpec("report.junit.xml", _junit),
    OutputFormat.MARKDOWN: _FormatSpec("report.md", _markdown),
}


def write_reports(
    result: ScanResult,
    out_dir: Path,
    formats: Iterable[OutputFormat],
    options: ReportOptions | None = None,
) -> list[Path]:
    """Render and write every file format in ``formats`` (each once) into ``out_dir``.

    Console-only formats are skipped. Each file is written to a temp file and renamed, so a
    reader never sees half a report. Returns the paths written, in the order given.
    """
    file_formats = [f for f in dict.fromkeys(formats) if f.file_name is not None]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CookiescanError(f"cannot create report directory {out_dir}: {e.strerror or e}") from e
    written: list[Path] = []
    for fmt in file_formats:
        path = out_dir / str(fmt.file_name)
        write_atomic(path, fmt.reporter(options).render(result))
        written.append(path)
    return written


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` via a temp file in the same directory and a rename."""
    try:
        _replace(path, text.encode("utf-8", errors="backslashreplace"))
    except OSError as e:
        raise CookiescanError(f"cannot write report {path}: {e.strerror or e}") from e


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
