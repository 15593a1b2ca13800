"""`cookiescan scan URL...`: crawl in three consent states and check the declared list."""

from __future__ import annotations

import argparse
import os
from typing import Any

from scanner.settings.env import apply_env
from scanner.settings.flags import (
    DEFAULT_DECLARED,
    add_scan_options,
    build_config,
    formats_of,
    report_options,
    resolve_args,
    resolve_declarations,
)


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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan scan`."""
    # Imported here, not at the top: the CLI loads every command to build its parser, and
    # only scanning commands may pay for the browser stack (Playwright).
    from scanner.pipeline.execute import execute

    args = apply_env(args, os.environ)  # COOKIESCAN_DECLARED may name the declared file
    declarations = resolve_declarations(args.declared)
    args = resolve_args(args, declarations)
    targets = list(args.urls) or ([declarations.site] if declarations.site else [])
    return execute(
        build_config(args, declarations, targets),
        formats_of(args),
        options=report_options(args),
        output=args.output,
    )
