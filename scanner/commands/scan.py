"""`cookiescan scan URL...`: crawl in three consent states and check the declared list."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any

from rich.console import Console

from scanner.commands.diff import print_comparison, write_comparison
from scanner.commands.progress import ScanProgressDisplay
from scanner.config import (
    ScanConfig,
    parse_fail_on,
    parse_header,
    parse_http_credentials,
    parse_resolve,
    parse_states,
    parse_target,
    parse_viewport,
    positive,
)
from scanner.crawl.browser import HttpCredentials
from scanner.crawl.crawler import CrawlSettings
from scanner.declarations import load_declarations
from scanner.env import apply_defaults, apply_env, defer_defaults
from scanner.errors import ConfigError, ExitCode
from scanner.model import Declarations, ScanResult
from scanner.report.diff import compare, verdict
from scanner.report.history import write_scan
from scanner.report.interface import OutputFormat, ReportOptions
from scanner.report.terminal import render_summary
from scanner.scan import ScanProgress, run_scan

DEFAULT_DECLARED = "expected_cookies.yaml"


def register(commands: Any) -> None:
    """Add the `scan` subcommand."""
    parser = commands.add_parser(
        "scan",
        help="scan one or more URLs of a site",
        description="Crawl a site with no consent, after 'accept all' and after 'reject all' "
        "(each in a fresh browser profile) and check what it sets against the declared list.",
    )
    parser.add_argument(
        "urls", nargs="*", metavar="URL", help="start URLs (default: site: from the declared file)"
    )
    parser.add_argument(
        "--declared",
        metavar="PATH",
        default=None,
        help=f"the declared list (default ./{DEFAULT_DECLARED} if present)",
    )
    add_scan_options(parser)
    defer_defaults(parser)  # flags > COOKIESCAN_* > policy in the declared file > default
    parser.set_defaults(run=run)


def add_scan_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `scan` and `demo`."""
    out = parser.add_argument_group("output")
    out.add_argument(
        "--out",
        metavar="DIR",
        default="reports",
        help="reports folder (reports/): each scan goes into <site>-<UTC time>/, copied to "
        "latest/, and index.html lists them all",
    )
    out.add_argument(
        "--format",
        dest="formats",
        action="append",
        metavar="FORMAT",
        choices=[f.value for f in OutputFormat],
        help="report format, repeatable: terminal, json, html, sarif, junit, markdown "
        "(default: terminal, json, html and markdown; json is always written)",
    )
    out.add_argument(
        "--fail-on",
        default="medium",
        metavar="SEVERITY",
        help="exit 1 when a finding is at or above this severity: info, low, "
        "medium (default), high, or never",
    )
    out.add_argument(
        "--baseline",
        metavar="REPORT",
        default=None,
        help="a previous report.json (or its folder): mark findings new, unchanged or "
        "resolved, and cookies and third parties appeared or disappeared",
    )
    out.add_argument(
        "--fail-on-new",
        action="store_true",
        help="with --baseline: exit 1 only for new findings at or above --fail-on",
    )
    crawl = parser.add_argument_group("crawl")
    crawl.add_argument("--states", default="none,accept,reject", help="consent states to scan")
    crawl.add_argument("--max-pages", type=int, default=20, help="pages per state (20)")
    crawl.add_argument("--depth", type=int, default=2, help="link depth from the start URLs (2)")
    crawl.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="only follow URLs matching this glob (repeatable)",
    )
    crawl.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="never follow URLs matching this glob (repeatable)",
    )
    crawl.add_argument("--concurrency", type=int, default=3, help="pages at once per state (3)")
    crawl.add_argument("--timeout", type=float, default=30.0, help="page load timeout, s (30)")
    crawl.add_argument(
        "--settle",
        type=float,
        default=2.0,
        help="max wait for network idle after load and consent, s (2)",
    )
    crawl.add_argument(
        "--banner-wait",
        type=float,
        default=5.0,
        help="max wait for a consent banner control, s (5)",
    )
    browser = parser.add_argument_group("browser")
    browser.add_argument("--browser-path", default=None, help="Chromium/Chrome executable")
    browser.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST=IP",
        help="map a host (globs allowed) to an IP, e.g. '*.test=127.0.0.1'",
    )
    browser.add_argument(
        "--ignore-https-errors", action="store_true", help="accept invalid certificates (staging)"
    )
    browser.add_argument(
        "--third-party-cookies",
        choices=("allow", "block"),
        default="allow",
        help="allow (default, like a default Chrome user) or block",
    )
    browser.add_argument("--user-agent", default=None, help="user agent (default: normal Chrome)")
    browser.add_argument("--locale", default="en-US", help="browser locale (en-US)")
    browser.add_argument("--viewport", default="1366x768", help="WIDTHxHEIGHT (1366x768)")
    browser.add_argument("--headed", action="store_true", help="show the browser window")
    browser.add_argument(
        "--http-credentials",
        metavar="ENVVAR",
        default=None,
        help="HTTP basic auth for the first URL's origin (staging): the NAME of an environment "
        "variable holding USER:PASSWORD",
    )
    browser.add_argument(
        "--header",
        dest="headers",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="extra HTTP header sent with every request, third parties too (repeatable)",
    )


def resolve_declarations(path_arg: str | None) -> Declarations:
    """Load --declared, or ./expected_cookies.yaml when present, else no declarations."""
    warn_console = Console(stderr=True, highlight=False)

    def warn(message: str) -> None:
        warn_console.print(f"warning: {message}", markup=False, soft_wrap=True)

    if path_arg is not None:
        return load_declarations(Path(path_arg), warn)
    default = Path(DEFAULT_DECLARED)
    return load_declarations(default, warn) if default.is_file() else Declarations()


def build_config(
    args: argparse.Namespace, declarations: Declarations, targets: list[str]
) -> ScanConfig:
    """Validate the flags into a ScanConfig."""
    if not targets:
        raise ConfigError("give at least one URL to scan, or a site: in the declared file", "URL")
    crawl = CrawlSettings(
        max_pages=positive(args.max_pages, "--max-pages"),
        depth=positive(args.depth, "--depth", 0),
        concurrency=positive(args.concurrency, "--concurrency"),
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        page_timeout_s=args.timeout,
        settle_s=args.settle,
        banner_wait_s=args.banner_wait,
    )
    return ScanConfig(
        targets=tuple(parse_target(t) for t in targets),
        declarations=declarations,
        out_dir=Path(args.out),
        states=parse_states(args.states),
        crawl=crawl,
        browser_path=args.browser_path,
        block_third_party_cookies=args.third_party_cookies == "block",
        user_agent=args.user_agent,
        locale=args.locale,
        viewport=parse_viewport(args.viewport),
        resolve=parse_resolve(args.resolve),
        ignore_https_errors=args.ignore_https_errors,
        headless=not args.headed,
        fail_on=parse_fail_on(args.fail_on),
        http_credentials=_credentials(args.http_credentials, targets),
        extra_headers=tuple(parse_header(h) for h in args.headers or ()),
    )


def _credentials(variable: str | None, targets: list[str]) -> HttpCredentials | None:
    """--http-credentials, for the origin of the first target."""
    if not variable:
        return None
    return parse_http_credentials(variable, os.environ, parse_target(targets[0]))


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan scan`."""
    args = apply_env(args, os.environ)
    declarations = resolve_declarations(args.declared)
    args = apply_defaults(args, {"fail_on": declarations.policy.fail_on})
    targets = list(args.urls) or ([declarations.site] if declarations.site else [])
    return execute(
        build_config(args, declarations, targets), _formats(args), options=report_options(args)
    )


def report_options(args: argparse.Namespace) -> ReportOptions:
    """--baseline and --fail-on-new as report options."""
    from scanner.commands.diff import load_report

    baseline = load_report(args.baseline) if args.baseline else None
    return ReportOptions(baseline=baseline, fail_on_new=bool(args.fail_on_new))


DEFAULT_FORMATS = (
    OutputFormat.TERMINAL,
    OutputFormat.JSON,
    OutputFormat.HTML,
    OutputFormat.MARKDOWN,
)


def _formats(args: argparse.Namespace) -> tuple[OutputFormat, ...]:
    """The --format choices (default: DEFAULT_FORMATS), always with json (history needs it)."""
    chosen = tuple(OutputFormat(f) for f in args.formats) if args.formats else DEFAULT_FORMATS
    return (*chosen, OutputFormat.JSON)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
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
) -> int:
    """Scan, write reports into a new folder under --out, print the summary; exit by policy.

    ``options`` carries --baseline and --fail-on-new (see ``report_options``); its fail_on
    is always --fail-on.
    """
    console = console or Console(highlight=False)
    options = replace(options or ReportOptions(), fail_on=config.fail_on)
    progress = ScanProgress(config)
    interrupted = False
    with ScanProgressDisplay(progress, config), _sigterm_as_interrupt():
        try:
            result = asyncio.run(run_scan(config, progress))
        except KeyboardInterrupt:
            interrupted = True
            result = progress.result(interrupted=True)
    saved = write_scan(result, config.out_dir, formats, options)
    comparison = compare(options.baseline, result) if options.baseline else None
    if comparison is not None:
        write_comparison(saved.folder, comparison)
    if OutputFormat.TERMINAL in formats:
        render_summary(result, console)
        if comparison is not None:
            print_comparison(comparison, console)
    for path in (*saved.files, saved.latest, saved.index):
        console.print(f"report: {path}", markup=False, highlight=False)
    if interrupted:
        return int(ExitCode.INTERRUPTED)
    return int(exit_code(result, config, options))


def exit_code(
    result: ScanResult, config: ScanConfig, options: ReportOptions | None = None
) -> ExitCode:
    """1 when a finding is at or above --fail-on (only a new one with --fail-on-new), else 0."""
    options = options or ReportOptions()
    comparison = compare(options.baseline, result) if options.baseline else None
    decided = verdict(result, config.fail_on, comparison, options.fail_on_new)
    return ExitCode.FINDINGS if decided.failed else ExitCode.CLEAN
