"""Running a scan for the command line: crawl, judge, write the reports, print, exit code.

Whatever ends a scan early, the pages done so far are written: a stop signal gives a partial
report and exit 130 (see ``scanner.pipeline.interrupt``); an error mid-scan, expected or not,
gives a partial report marked with the error and exit 3 — never exit 1, never a lost report.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType

from rich.console import Console

from scanner.crawl.browser.profiles import remove_all_profiles
from scanner.errors import BrowserNotFoundError, CookiescanError, ExitCode, ScanError
from scanner.model import ScanResult
from scanner.pipeline.display import ScanProgressDisplay
from scanner.pipeline.evidence import evidence_dir, evidence_writer
from scanner.pipeline.interrupt import Interruption, run_interruptible, stop_signals
from scanner.pipeline.progress import ScanProgress
from scanner.pipeline.run import judge_progress, run_scan
from scanner.report import OutputFormat
from scanner.report.console.comparison_text import print_comparison, write_comparison
from scanner.report.console.stdout import OutputStyle, print_annotations, print_summary
from scanner.report.context import ReportContext, ReportOptions, build_context
from scanner.report.context.verdict import exit_code
from scanner.report.folder.history import ScanFolder, ensure_writable, write_scan
from scanner.settings.config import ScanConfig

_ERRORS = Console(stderr=True, highlight=False, soft_wrap=True)


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
    options = replace(
        options or ReportOptions(), fail_on=config.fail_on, language=config.report_language
    )
    ensure_writable(config.out_dir)  # before the browser starts: exit 2, not after the scan
    stop = Interruption()
    with stop_signals(stop), evidence_dir(config) as config:
        result, failure = _crawl(config, ScanProgress(), stop)
        ctx = build_context(result, options)
        _write(ctx, config, formats, console, output, annotate)  # signals: only noted
    if failure is not None:
        _ERRORS.print(f"cookiescan: {failure} (partial report written)", markup=False)
        return int(failure.exit_code)
    if result.meta.interrupted or stop.happened:
        return int(ExitCode.INTERRUPTED)
    incomplete = [f"{s.state.value}: {s.incomplete}" for s in result.states if s.incomplete]
    if incomplete:  # the browser kept dying: the findings are not the whole truth
        _ERRORS.print(f"cookiescan: state incomplete ({'; '.join(incomplete)})", markup=False)
        return int(ExitCode.SCAN_FAILED)
    return exit_code(ctx.verdict)


def _crawl(
    config: ScanConfig, progress: ScanProgress, stop: Interruption
) -> tuple[ScanResult, CookiescanError | None]:
    """Run the scan; an interruption or an error mid-scan still gives the pages done so far."""
    with ScanProgressDisplay(progress, config):
        try:
            result = run_interruptible(run_scan(config, progress), stop)
        except CookiescanError as exc:
            if exc.exit_code is ExitCode.USAGE or not progress.started:
                raise  # bad input (a login that fails: exit 2), or nothing scanned yet
            if isinstance(exc, BrowserNotFoundError):
                raise
            return judge_progress(config, progress, error=str(exc)), exc
        except Exception as exc:  # noqa: BLE001 -- any bug still leaves a report, and exit 3
            error = f"unexpected error: {type(exc).__name__}: {exc}"
            return judge_progress(config, progress, error=error), ScanError(error)
        finally:
            remove_all_profiles()
    if result is None:
        return judge_progress(config, progress, interrupted=True), None
    return result, None


def _write(
    ctx: ReportContext,
    config: ScanConfig,
    formats: tuple[OutputFormat, ...],
    console: Console,
    output: OutputStyle | str,
    annotate: bool,
) -> None:
    """Write the report files, then print the summary and where the files are."""
    extras = folder_extras(ctx, evidence_writer(config, ctx.result))
    saved = write_scan(ctx, config.out_dir, formats, evidence=extras)
    if OutputFormat.TERMINAL in formats:
        print_summary(ctx, console, output)
        if ctx.comparison is not None:
            print_comparison(ctx.comparison, console)
    if annotate:
        print_annotations(ctx, console)
    for path in (*saved.files, *saved.evidence[-1:], saved.latest, saved.index):
        console.print(f"report: {path}", markup=False, highlight=False, soft_wrap=True)


def save_reports(
    config: ScanConfig,
    result: ScanResult,
    formats: tuple[OutputFormat, ...],
    options: ReportOptions,
) -> tuple[ReportContext, ScanFolder]:
    """Judge the verdict and write the reports into a new folder under ``config.out_dir``."""
    ctx = build_context(result, options)
    saved = write_scan(ctx, config.out_dir, formats, evidence=folder_extras(ctx, None))
    return ctx, saved


def folder_extras(
    ctx: ReportContext, evidence: Callable[[Path], Iterable[Path]] | None
) -> Callable[[Path], Iterable[Path]] | None:
    """What a scan adds to its folder after the reports, before latest/ is refreshed:
    comparison.json (with a baseline), then the evidence package, whose manifest.json is
    written last so that it covers every file, comparison.json included."""
    comparison = ctx.comparison
    if comparison is None:
        return evidence

    def write(folder: Path) -> list[Path]:
        return [write_comparison(folder, comparison), *(evidence(folder) if evidence else ())]

    return write
