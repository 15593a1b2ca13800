"""The scan options every scanning command shares, and turning them into a ScanConfig."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from scanner.crawl.options import CrawlSettings, HttpCredentials
from scanner.declared import load_declarations
from scanner.errors import ConfigError
from scanner.model import Declarations
from scanner.report import OutputFormat
from scanner.report.context import ReportOptions
from scanner.report.json_report import load_report
from scanner.settings.config import ScanConfig
from scanner.settings.parse import (
    parse_fail_on,
    parse_header,
    parse_http_credentials,
    parse_resolve,
    parse_states,
    parse_target,
    parse_viewport,
    positive,
)

DEFAULT_DECLARED = "expected_cookies.yaml"


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


def print_warning(message: str) -> None:
    """A warning about the user's input, on stderr."""
    Console(stderr=True, highlight=False).print(f"warning: {message}", markup=False, soft_wrap=True)


def resolve_declarations(
    path_arg: str | None, warn: Callable[[str], None] = print_warning
) -> Declarations:
    """Load --declared, or ./expected_cookies.yaml when present, else no declarations."""
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
