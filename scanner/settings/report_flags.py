"""The report flags (--format, --baseline, --fail-on-new) as report formats and options."""

from __future__ import annotations

import argparse

from scanner.report import OutputFormat
from scanner.report.context import ReportOptions
from scanner.report.formats.json_report import load_report


def report_options(args: argparse.Namespace) -> ReportOptions:
    """--baseline and --fail-on-new as report options."""
    baseline = load_report(args.baseline) if args.baseline else None
    return ReportOptions(baseline=baseline, fail_on_new=bool(args.fail_on_new))


DEFAULT_FORMATS = (
    OutputFormat.TERMINAL,
    OutputFormat.JSON,
    OutputFormat.HTML,
    OutputFormat.MARKDOWN,
)


def formats_of(args: argparse.Namespace) -> tuple[OutputFormat, ...]:
    """The --format choices (default: DEFAULT_FORMATS), always with json (history needs it)."""
    chosen = tuple(OutputFormat(f) for f in args.formats) if args.formats else DEFAULT_FORMATS
    return (*chosen, OutputFormat.JSON)
