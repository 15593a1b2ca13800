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
from scanner.model import ScanResult


@runtime_checkable
class Reporter(Protocol):
    """Turns a scan result into the text of one output format; pure and deterministic."""

    def render(self, result: ScanResult) -> str:
        """The whole report as text."""
        ...


class OutputFormat(StrEnum):
    """Every output format; add a member here and a line to ``_FORMATS`` below."""

    TERMINAL = "terminal"
    JSON = "json"

    @property
    def file_name(self) -> str | None:
        """The report file this format writes, or None for console-only formats."""
        return _FORMATS[self].file_name

    def reporter(self) -> Reporter:
        """A reporter for this format."""
        return _FORMATS[self].factory()


@dataclass(frozen=True, slots=True)
class _FormatSpec:
    file_name: str | None
    factory: Callable[[], Reporter]


def _terminal() -> Reporter:
    from scanner.report.terminal import TerminalReporter  # lazy: no import cycles

    return TerminalReporter()


def _json() -> Reporter:
    from scanner.report.json_report import JsonReporter  # lazy: no import cycles

    return JsonReporter()


_FORMATS: dict[OutputFormat, _FormatSpec] = {
    OutputFormat.TERMINAL: _FormatSpec(None, _terminal),
    OutputFormat.JSON: _FormatSpec("report.json", _json),
}


def write_reports(result: ScanResult, out_dir: Path, formats: Iterable[OutputFormat]) -> list[Path]:
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
        write_atomic(path, fmt.reporter().render(result))
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
