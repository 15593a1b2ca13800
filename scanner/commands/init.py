"""`cookiescan init URL`: scan a site and write a draft expected_cookies.yaml to review."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.commands.progress import ScanProgressDisplay
from scanner.commands.scan import DEFAULT_DECLARED, add_scan_options, build_config
from scanner.config import ScanConfig
from scanner.errors import ConfigError, ExitCode
from scanner.knowledge import load_knowledge
from scanner.model import Declarations, ScanResult
from scanner.policy.draft import render_draft, write_new
from scanner.policy.from_scan import draft_cookies, draft_third_parties
from scanner.scan import ScanProgress, run_scan

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
    """Run the scan with the progress display (Ctrl-C ends it with what was seen so far)."""
    progress = ScanProgress(config)
    with ScanProgressDisplay(progress, config):
        try:
            return asyncio.run(run_scan(config, progress))
        except KeyboardInterrupt:
            return progress.result(interrupted=True)


def draft_text(result: ScanResult) -> str:
    """The draft declared list for a scan's observations."""
    kb = load_knowledge()
    site = result.meta.targets[0] if result.meta.targets else None
    header = [line.format(site=site or "the site") for line in HEADER]
    header += ["Knowledge used:", *(f"  {k}: {v}" for k, v in kb.versions().items())]
    return render_draft(header, draft_cookies(result, kb), draft_third_parties(result, kb), site)


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan init`."""
    out = Path(args.out)
    if out.exists() and not args.force:
        raise ConfigError("file exists; use --force to overwrite it", location=str(out))
    config = build_config(args, Declarations(), [args.url])
    result = scan_for_draft(config)
    text = draft_text(result)
    write_new(out, text, args.force)
    console = Console(highlight=False)
    reviews = text.count("# REVIEW:")
    console.print(f"wrote {out} ({reviews} entries to review)", markup=False)
    return int(ExitCode.INTERRUPTED if result.meta.interrupted else ExitCode.CLEAN)
