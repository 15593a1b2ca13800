"""Turning the parsed scan options, the environment and the declared file into a ScanConfig."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from scanner.crawl.options import BrowserOptions, CrawlSettings, HttpCredentials
from scanner.declared import load_declarations
from scanner.errors import ConfigError
from scanner.model import Declarations
from scanner.settings.config import ScanConfig
from scanner.settings.env import apply_defaults, apply_env, sources_of
from scanner.settings.first_party import flagged_first_party
from scanner.settings.login import login_plan, storage_state_file, urls_file
from scanner.settings.parse import (
    parse_endpoint,
    parse_fail_on,
    parse_header,
    parse_http_credentials,
    parse_language,
    parse_resolve,
    parse_states,
    parse_target,
    parse_viewport,
    positive,
)
from scanner.settings.report_flags import DEFAULT_FORMATS, formats_of, report_options
from scanner.settings.scan_options import add_scan_options

# Re-exported: the commands import the shared scan options from here.
__all__ = [
    "DEFAULT_DECLARED",
    "DEFAULT_FORMATS",
    "add_scan_options",
    "build_config",
    "formats_of",
    "print_warning",
    "report_options",
    "resolve_args",
    "resolve_declarations",
]

DEFAULT_DECLARED = "expected_cookies.yaml"


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


def resolve_args(args: argparse.Namespace, declarations: Declarations) -> argparse.Namespace:
    """Fill every option not given as a flag: environment, then the declared file, then default."""
    settled = apply_env(args, os.environ)
    policy = declarations.policy
    file_values: dict[str, object] = {"fail_on": policy.fail_on, "dwell": policy.dwell}
    file_values["interaction"] = policy.interaction
    file_values["report_language"] = policy.report_language
    return apply_defaults(settled, file_values, declarations.path or "the declared file")


def build_config(
    args: argparse.Namespace, declarations: Declarations, targets: list[str]
) -> ScanConfig:
    """Validate the flags into a ScanConfig.

    Values are checked in a fixed order (the first bad one is the error reported): the
    browser's are checked around --fail-on and the login, as they always were.
    """
    targets = [*targets, *urls_file(args.urls_file)]
    if not targets:
        raise ConfigError("give at least one URL to scan, or a site: in the declared file", "URL")
    crawl = _crawl_settings(args)
    scanned, states = tuple(parse_target(t) for t in targets), parse_states(args.states)
    browser = _browser_options(args)
    fail_on = parse_fail_on(args.fail_on)
    browser = _with_access(browser, args, targets)
    login = login_plan(declarations.login, os.environ)
    browser = replace(browser, storage_state=storage_state_file(args.storage_state))
    return ScanConfig(
        targets=scanned,
        declarations=declarations,
        out_dir=Path(args.out),
        states=states,
        crawl=crawl,
        browser_path=args.browser_path,
        browser=browser,
        fail_on=fail_on,
        sources=tuple(sorted(sources_of(args).items())),
        login=login,
        first_party=flagged_first_party(args.first_party, sources_of(args)),
        evidence=bool(getattr(args, "evidence", False)),
        report_language=parse_language(getattr(args, "report_language", None) or "en"),
    )


def _crawl_settings(args: argparse.Namespace) -> CrawlSettings:
    """The crawl's limits and timings from the flags."""
    return CrawlSettings(
        max_pages=positive(args.max_pages, "--max-pages"),
        depth=positive(args.depth, "--depth", 0),
        concurrency=positive(args.concurrency, "--concurrency"),
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        page_timeout_s=args.timeout,
        settle_s=args.settle,
        banner_wait_s=args.banner_wait,
        interaction=args.interaction,
        dwell_s=_seconds(float(args.dwell), "--dwell"),
        sitemap=bool(args.sitemap),
    )


def _browser_options(args: argparse.Namespace) -> BrowserOptions:
    """How each state's browser is launched, from the flags (without credentials, headers
    and storage state: see ``_with_access`` and ``build_config``)."""
    return BrowserOptions(
        endpoint=parse_endpoint(args.browser_endpoint or ""),
        block_third_party_cookies=args.third_party_cookies == "block",
        user_agent=args.user_agent,
        locale=args.locale,
        viewport=parse_viewport(args.viewport),
        resolve=parse_resolve(args.resolve),
        ignore_https_errors=args.ignore_https_errors,
        headless=not args.headed,
    )


def _with_access(
    browser: BrowserOptions, args: argparse.Namespace, targets: list[str]
) -> BrowserOptions:
    """``browser`` with --http-credentials and the --header values."""
    return replace(
        browser,
        http_credentials=_credentials(args.http_credentials, targets),
        extra_headers=tuple(parse_header(h) for h in args.headers or ()),
    )


def _seconds(value: float, flag: str) -> float:
    """Zero or more seconds."""
    if value < 0:
        raise ConfigError(f"must be 0 or more seconds, got {value:g}", flag)
    return value


def _credentials(variable: str | None, targets: list[str]) -> HttpCredentials | None:
    """--http-credentials, for the origin of the first target."""
    if not variable:
        return None
    return parse_http_credentials(variable, os.environ, parse_target(targets[0]))
