"""The machine-readable report.json: versioned, described by schema/report.schema.json."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.errors import ConfigError
from scanner.model import ScanResult
from scanner.report.context import ReportContext
from scanner.report.context.counts import Summary, summarize
from scanner.report.text.codec import DecodeError, decode, encode

SCHEMA_VERSION = (
    "1.2"  # 1.1: judgement, setting sources, beyond-cookies, real-site and robustness fields;
    # 1.2: storage items with writer, count and partition; storage declarations and findings
)
TOOL_NAME = "cookiescan"


def to_dict(result: ScanResult) -> dict[str, Any]:
    """The report as plain JSON data; cookie values are never present (only digests)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "summary": summary_dict(summarize(result)),
        **encode(result),
    }


def render(result: ScanResult) -> str:
    """The report as deterministic JSON text (sorted keys, lists in scan order)."""
    text = json.dumps(to_dict(result), sort_keys=True, indent=2, ensure_ascii=False)
    return text + "\n"


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The ``summary`` section: counts only, no pass/fail verdict."""
    return {
        "findings": {
            "total": summary.findings,
            "by_severity": {str(s): n for s, n in summary.by_severity},
            "by_kind": dict(summary.by_kind),
        },
        "states": [encode(s) for s in summary.states],
    }


def from_dict(data: Mapping[str, Any], source: str = "report.json") -> ScanResult:
    """Rebuild the ScanResult a report was rendered from (``summary`` and ``tool`` are derived).

    Raises DecodeError (a ConfigError) naming ``source`` and the JSON path of the problem.
    """
    version = data.get("schema_version") if isinstance(data, Mapping) else None
    if not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise DecodeError(f"unsupported schema_version {version!r}", location=source)
    try:
        result: ScanResult = decode(ScanResult, dict(data))
    except DecodeError as e:
        raise DecodeError(str(e), location=source) from e
    return result


def loads(text: str, source: str = "report.json") -> ScanResult:
    """Parse report.json text back into a ScanResult."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise DecodeError(f"not JSON: {e}", location=source) from e
    return from_dict(data, source)


class JsonReporter:
    """Reporter for OutputFormat.JSON."""

    def render(self, ctx: ReportContext) -> str:
        """The report.json text."""
        return render(ctx.result)


def load_report(path_text: str) -> ScanResult:
    """Read a report.json (or the report.json inside a folder) back into a ScanResult."""
    path = Path(path_text)
    if path.is_dir():
        path = path / "report.json"
    try:
        text = path.read_text("utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read {path}: {e.strerror or e}", str(path)) from e
    return loads(text, source=str(path))
