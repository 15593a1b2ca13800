"""`cookiescan init URL`: scan a site and write a draft expected_cookies.yaml to review."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.errors import ConfigError, ExitCode
from scanner.model import Declarations, ScanResult
from scanner.policy.draft import render_draft, write_new
from scanner.settings.config import ScanConfig
from scanner.settings.flags import DEFAULT_DECLARED, add_scan_options, build_config, resolve_args

HEADER = (
    "Draft written by `cookiescan init` from one scan of {site}.",
    "Categories and providers come from the knowledge base; lifetimes are what the site asked",
    "for, rounded up. Entries marked REVIEW were not known: their category is a guess",
    "(necessary) that hides them from consent checks until you correct it.",
)


def register(commands: Any) -> None:
    """Add the `init` subcommand."""
    parser = commands.add_parser(
        "init",
        help="scan a site and write a draft expected_cookies.yaml",
        description="Scan URL in all three consent states and write every cookie and third "
        "party seen as a draft declared list: categories and vendors from the knowledge base, "
        "unknown ones marked '# REVIEW:'. A re-scan against the draft has no undeclared "
        "findings. Exit 0 when the draft was written.",
        conflict_handler="resolve",
    )
    parser.add_argument("url", metavar="URL", help="the site's start URL")
    add_scan_options(parser)
    parser.add_argument(
        "--out",
        metavar="PATH",
        default=DEFAULT_DECLARED,
        help=f"where to write the draft ({DEFAULT_DECLARED})",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(run=run)


def scan_for_draft(config: ScanConfig) -> ScanResult:
    """Run the scan with the progress display (Ctrl-C or SIGTERM ends it with what was seen
    so far)."""
    # Imported here, not at the top: the CLI loads every command to build its parser, and
    # only scanning commands may pay for the browser stack (Playwright).
    from scanner.crawl.browser.profiles import remove_all_profiles
    from scanner.pipeline.display import ScanProgressDisplay
    from scanner.pipeline.interrupt import Interruption, run_interruptible, stop_signals
    from scanner.pipeline.progress import ScanProgress
    from scanner.pipeline.run import judge_progress, run_scan

    progress, stop = ScanProgress(), Interruption()
    with ScanProgressDisplay(progress, config), stop_signals(stop):
        try:
            result = run_interruptible(run_scan(config, progress), stop)
        finally:
            remove_all_profiles()
    return result or judge_progress(config, progress, interrupted=True)


def draft_text(result: ScanResult) -> str:
    """The draft declared list for a scan's observations."""
    # Imported here, not at the top: the knowledge base is slow to import (see cli).
    from scanner.policy.from_scan import (
        draft_cookies,
        draft_storage,
        draft_techniques,
        draft_third_parties,
    )

    site = result.meta.targets[0] if result.meta.targets else None
    header = [line.format(site=site or "the site") for line in HEADER]
    used = [(k.removeprefix("knowledge."), v) for k, v in result.meta.settings if "." in k]
    header += ["Knowledge used:", *(f"  {k}: {v}" for k, v in used)]
    cookies = [*draft_cookies(result), *draft_storage(result)]
    third_parties = draft_third_parties(result)
    return render_draft(header, cookies, third_parties, site, draft_techniques(result))


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan init`."""
    out = Path(args.out)
    if out.exists() and not args.force:
        raise ConfigError("file exists; use --force to overwrite it", location=str(out))
    config = build_config(resolve_args(args, Declarations()), Declarations(), [args.url])
    result = scan_for_draft(config)
    text = draft_text(result)
    write_new(out, text, args.force)
    console = Console(highlight=False)
    reviews = text.count("# REVIEW:")
    console.print(f"wrote {out} ({reviews} entries to review)", markup=False)
    return int(ExitCode.INTERRUPTED if result.meta.interrupted else ExitCode.CLEAN)
