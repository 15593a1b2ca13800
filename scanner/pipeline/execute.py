"""Running a scan for the command line: crawl, judge, write the reports, print, exit code."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import FrameType

from rich.console import Console

from scanner.errors import ExitCode
from scanner.model import ScanResult
from scanner.pipeline.display import ScanProgressDisplay
from scanner.pipeline.progress import ScanProgress
from scanner.pipeline.run import judge_progress, run_scan
from scanner.report import OutputFormat
from scanner.report.comparison_text import print_comparison, write_comparison
from scanner.report.context import ReportContext, ReportOptions, build_context
from scanner.report.history import ScanFolder, write_scan
from scanner.report.stdout import OutputStyle, print_annotations, print_summary
from scanner.settings.config import ScanConfig


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM (CI cancelling a job) like Ctrl-C, so a partial report is written."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def execute(
    config: ScanConfig,
    formats: tuple[OutputFormat, ...],
    console: Console | None = None,
    options: ReportOptions | None = None,
    output: OutputStyle | str = OutputStyle.AUTO,
    annotate: bool = True,
) -> int:
    """Scan, write reports into a new folder under --out, print the summary; exit by policy.

    ``options`` carries --baseline and --fail-on-new (see ``report_options``); its fail_on
    is always --fail-on. ``output`` is --output (table, plain or auto); ``annotate`` allows
    GitHub Actions annotations (printed only in GitHub Actions).
    """
    console = console or Console(highlight=False)
    options = replace(options or ReportOptions(), fail_on=config.fail_on)
    progress = ScanProgress()
    interrupted = False
    with ScanProgressDisplay(progress, config), sigterm_as_interrupt():
        try:
            result = asyncio.run(run_scan(config, progress))
        except KeyboardInterrupt:
            interrupted = True
            result = judge_progress(config, progress, interrupted=True)
    ctx, saved = save_reports(config, result, formats, options)
    if OutputFormat.TERMINAL in formats:
        print_summary(ctx, console, output)
        if ctx.comparison is not None:
            print_comparison(ctx.comparison, console)
    if annotate:
        print_annotations(ctx, console)
    for path in (*saved.files, saved.latest, saved.index):
        console.print(f"report: {path}", markup=False, highlight=False, soft_wrap=True)
    return exit_code(ctx, interrupted)


def save_reports(
    config: ScanConfig,
    result: ScanResult,
    formats: tuple[OutputFormat, ...],
    options: ReportOptions,
) -> tuple[ReportContext, ScanFolder]:
    """Judge the verdict and write the reports into a new folder under ``config.out_dir``."""
    ctx = build_context(result, options)
    saved = write_scan(ctx, config.out_dir, formats)
    if ctx.comparison is not None:
        write_comparison(saved.folder, ctx.comparison)
    return ctx, saved


def exit_code(ctx: ReportContext, interrupted: bool) -> int:
    """130 when interrupted, else 1 when the verdict fails, else 0."""
    if interrupted:
        return int(ExitCode.INTERRUPTED)
    return int(ExitCode.FINDINGS if ctx.verdict.failed else ExitCode.CLEAN)
