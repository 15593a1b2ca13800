"""`cookiescan diff OLD NEW`: what changed between two scans (new, unchanged, resolved)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.model import ScanResult
from scanner.report import OutputFormat, render, write_reports
from scanner.report.console.comparison_text import (
    comparison_json,
    print_comparison,
    write_comparison,
)
from scanner.report.context import ReportOptions
from scanner.report.context.comparison import Comparison, compare
from scanner.report.context.verdict import decide, exit_code
from scanner.report.formats.json_report import load_report
from scanner.settings.parse import parse_fail_on


def register(commands: Any) -> None:
    """Add the `diff` subcommand."""
    parser = commands.add_parser(
        "diff",
        help="compare two scans' report.json",
        description="Mark the findings of NEW as new, unchanged or resolved since OLD, and "
        "cookies and third parties as appeared or disappeared. Prints the comparison; with "
        "--format prints that format instead (markdown: for a CI job summary); with --out "
        "writes NEW's reports with the comparison into a folder.",
    )
    parser.add_argument("old", metavar="OLD", help="baseline report.json, or its folder")
    parser.add_argument("new", metavar="NEW", help="current report.json, or its folder")
    parser.add_argument(
        "--format",
        dest="formats",
        action="append",
        metavar="FORMAT",
        choices=[f.value for f in OutputFormat],
        help="output format, repeatable (default: terminal)",
    )
    parser.add_argument("--out", metavar="DIR", default=None, help="write the reports here")
    parser.add_argument(
        "--fail-on", default="medium", metavar="SEVERITY", help="as for scan (default medium)"
    )
    parser.add_argument(
        "--fail-on-new", action="store_true", help="exit 1 only for new findings at --fail-on"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan diff`."""
    old, new = load_report(args.old), load_report(args.new)
    options = ReportOptions(parse_fail_on(args.fail_on), old, args.fail_on_new)
    comparison = compare(old, new)
    formats = tuple(OutputFormat(f) for f in (args.formats or [OutputFormat.TERMINAL.value]))
    console = Console(highlight=False)
    if args.out is not None:
        _write(new, Path(args.out), formats, options, comparison, console)
    else:
        _print(new, formats, options, comparison, console)
    return exit_code(decide(new, options.fail_on, comparison, options.fail_on_new))


def _print(
    new: ScanResult,
    formats: tuple[OutputFormat, ...],
    options: ReportOptions,
    comparison: Comparison,
    console: Console,
) -> None:
    for fmt in dict.fromkeys(formats):
        if fmt is OutputFormat.TERMINAL:
            print_comparison(comparison, console)
        elif fmt is OutputFormat.JSON:
            _raw(console, comparison_json(comparison))
        else:
            _raw(console, render(fmt, new, options))


def _raw(console: Console, text: str) -> None:
    """Write text as it is (no wrapping, no markup) to the console's file."""
    console.file.write(text if text.endswith("\n") else text + "\n")


def _write(
    new: ScanResult,
    out: Path,
    formats: tuple[OutputFormat, ...],
    options: ReportOptions,
    comparison: Comparison,
    console: Console,
) -> None:
    written = write_reports(new, out, formats, options)
    written.append(write_comparison(out, comparison))
    if OutputFormat.TERMINAL in formats:
        print_comparison(comparison, console)
    for path in written:
        console.print(f"report: {path}", markup=False, highlight=False)
