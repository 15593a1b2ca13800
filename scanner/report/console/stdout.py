"""What a scan prints on stdout: the rich table on a terminal, plain lines in logs and pipes.

``--output`` (or ``COOKIESCAN_OUTPUT``) picks ``table``, ``plain`` or ``auto`` (the default:
plain when stdout is not a terminal). In GitHub Actions the workflow commands of
:mod:`scanner.report.console.annotations` follow, whatever the style.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum

from rich.console import Console

from scanner.report.console.annotations import annotation_lines, in_github_actions
from scanner.report.console.fixes import fix_lines
from scanner.report.console.plain import plain_lines
from scanner.report.context import ReportContext
from scanner.report.formats.terminal import render_summary


class OutputStyle(StrEnum):
    """How the summary is printed."""

    AUTO = "auto"
    TABLE = "table"
    PLAIN = "plain"
    FIXES = "fixes"  # the fix list: what to change, per tag, header or vendor


def chosen_style(style: OutputStyle | str, console: Console) -> OutputStyle:
    """``auto`` made concrete: the table on a terminal, plain text otherwise."""
    style = OutputStyle(style)
    if style is OutputStyle.AUTO:
        return OutputStyle.TABLE if console.is_terminal else OutputStyle.PLAIN
    return style


def print_summary(ctx: ReportContext, console: Console, style: OutputStyle | str) -> None:
    """The findings and counts in the chosen style (or the fix list)."""
    if OutputStyle(style) is OutputStyle.FIXES:
        for line in fix_lines(ctx):
            console.out(line, highlight=False)
        return
    if chosen_style(style, console) is OutputStyle.TABLE:
        render_summary(ctx.result, console)
        return
    for line in plain_lines(ctx):
        console.out(line, highlight=False)


def print_annotations(
    ctx: ReportContext, console: Console, environ: Mapping[str, str] | None = None
) -> None:
    """In GitHub Actions: ``::error`` / ``::warning`` lines for findings at the fail level."""
    environ = os.environ if environ is None else environ
    if in_github_actions(environ):
        for line in annotation_lines(ctx, environ):
            console.out(line, highlight=False)
