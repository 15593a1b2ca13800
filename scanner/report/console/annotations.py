"""GitHub Actions workflow commands (``::error`` / ``::warning``) for findings at the fail level.

A finding that fails the scan becomes ``::error``; one at or above ``--fail-on`` that does not
fail it (unchanged since the baseline with ``--fail-on-new``) becomes ``::warning``; waived
findings none. Each is located at its line of the declared file when known, so it shows as an
annotation on expected_cookies.yaml. Values are escaped as GitHub's runner expects.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from scanner.model import Finding
from scanner.report.context import ReportContext
from scanner.report.text.safe_text import clean

MAX_ANNOTATIONS = 50  # GitHub shows 10 errors and 10 warnings per step; the rest are noise


def escape_data(value: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: as a message, plus ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def in_github_actions(environ: Mapping[str, str]) -> bool:
    """Whether this runs as a GitHub Actions step (``GITHUB_ACTIONS=true``)."""
    return environ.get("GITHUB_ACTIONS", "") == "true"


def repo_path(path: str, workspace: str | None, cwd: Path) -> str | None:
    """``path`` relative to the checked-out repository (``$GITHUB_WORKSPACE``), if inside it."""
    full = Path(path) if Path(path).is_absolute() else cwd / path
    if not workspace:
        return None if Path(path).is_absolute() else Path(path).as_posix()
    try:
        return full.resolve().relative_to(Path(workspace).resolve()).as_posix()
    except ValueError:
        return None


def annotation(command: str, finding: Finding, file: str | None, line: int | None) -> str:
    """One ``::error`` or ``::warning`` line for ``finding``."""
    properties = [f"title={escape_property(f'cookiescan {clean(finding.kind, 80)}')}"]
    if file is not None and line is not None:
        properties[:0] = [f"file={escape_property(file)}", f"line={line}"]
    where = f" State: {finding.state}." if finding.state else ""
    page = f" Page: {clean(finding.page, 500)}" if finding.page else ""
    text = f"{clean(finding.subject, 300)}: {clean(finding.message, 1000)}{where}{page}"
    return f"::{command} {','.join(properties)}::{escape_data(text)}"


def annotation_lines(
    ctx: ReportContext, environ: Mapping[str, str], cwd: Path | None = None
) -> list[str]:
    """The workflow commands for a scan, most severe first (none when nothing can fail)."""
    fail_on = ctx.verdict.fail_on
    if fail_on is None:
        return []
    failing = {f.identity for f in ctx.verdict.failing}
    declared = ctx.result.meta.declared_path or ctx.result.declarations.path
    workspace = environ.get("GITHUB_WORKSPACE")
    file = repo_path(declared, workspace, cwd or Path.cwd()) if declared else None
    lines: list[str] = []
    for f in sorted(ctx.result.findings, key=lambda f: -f.severity.rank):
        if f.waiver is not None or f.severity.rank < fail_on.rank:
            continue
        command = "error" if f.identity in failing else "warning"
        lines.append(annotation(command, f, file, ctx.declaration_line(f)))
    if len(lines) > MAX_ANNOTATIONS:
        more = len(lines) - MAX_ANNOTATIONS
        notice = f"::notice title=cookiescan::{more} more findings in the report"
        lines = [*lines[:MAX_ANNOTATIONS], notice]
    return lines
