"""`cookiescan diff OLD NEW`: what changed between two scans (new, unchanged, resolved)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from scanner.config import parse_fail_on
from scanner.errors import ConfigError, ExitCode
from scanner.model import ScanResult
from scanner.report.diff import Comparison, ItemChange, Status, compare, comparison_dict, verdict
from scanner.report.interface import OutputFormat, ReportOptions, write_atomic, write_reports
from scanner.report.json_report import loads
from scanner.report.safe_text import clean

COMPARISON_FILE = "comparison.json"
MAX_LISTED = 50


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
    decided = verdict(new, options.fail_on, comparison, options.fail_on_new)
    return int(ExitCode.FINDINGS if decided.failed else ExitCode.CLEAN)


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
            _raw(console, fmt.reporter(options).render(new))


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


def comparison_json(comparison: Comparison) -> str:
    """The comparison as JSON text."""
    return json.dumps(comparison_dict(comparison), indent=2, sort_keys=True, ensure_ascii=False)


def write_comparison(folder: Path, comparison: Comparison) -> Path:
    """Write comparison.json (findings by status, items appeared / disappeared) into folder."""
    path = folder / COMPARISON_FILE
    write_atomic(path, comparison_json(comparison) + "\n")
    return path


def print_comparison(comparison: Comparison, console: Console) -> None:
    """The comparison for people: counts, then new and resolved findings and changed items."""
    c = comparison.counts()
    console.print(
        Text.assemble(
            ("Compared with baseline: ", "bold"),
            (f"{c['new']} new", "bold red" if c["new"] else "green"),
            f" · {c['unchanged']} unchanged · ",
            (f"{c['resolved']} resolved", "green"),
        )
    )
    for status in (Status.NEW, Status.RESOLVED):
        for f in comparison.with_status(status)[:MAX_LISTED]:
            state = str(f.state or "all states")
            line = f"  {status:<8} {f.severity:<6} {f.kind} · {state} · {clean(f.subject, 120)}"
            console.print(Text(line))
    changes = (
        ("Cookies appeared", comparison.cookies_appeared),
        ("Cookies disappeared", comparison.cookies_disappeared),
        ("Third parties appeared", comparison.third_parties_appeared),
        ("Third parties disappeared", comparison.third_parties_disappeared),
    )
    for label, items in changes:
        if items:
            console.print(Text.assemble((f"{label}: ", "bold"), _items(items)))


def _items(items: tuple[ItemChange, ...]) -> str:
    shown = ", ".join(clean(i.subject, 120) for i in items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")
