"""`cookiescan scan URL...`: crawl in three consent states and check the declared list."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from scanner.declared.shards import parse_shard, shard_sites
from scanner.declared.sites import load_sites
from scanner.errors import ConfigError
from scanner.model import Declarations
from scanner.settings.env import apply_env
from scanner.settings.flags import (
    DEFAULT_DECLARED,
    add_scan_options,
    build_config,
    formats_of,
    print_warning,
    report_options,
    resolve_args,
    resolve_declarations,
)
from scanner.settings.parse import parse_language


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
    parser.add_argument(
        "--sites",
        metavar="FILE",
        default=None,
        help="scan many sites in one run: a YAML list of sites (name, urls, declared); "
        "one report folder per site under --out and a summary.json",
    )
    parser.add_argument(
        "--shard",
        metavar="K/N",
        default=None,
        help="with --sites: scan only the K-th of N balanced parts of the sites (CI matrix); "
        "writes shard.json; join the parts with 'cookiescan merge'",
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
    if args.sites is not None:
        return _run_sites(args, declarations)
    if args.shard is not None:
        raise ConfigError("--shard splits a --sites file; give --sites FILE too", "--shard")
    args = resolve_args(args, declarations)
    targets = list(args.urls) or ([declarations.site] if declarations.site else [])
    return execute(
        build_config(args, declarations, targets),
        formats_of(args),
        options=report_options(args),
        output=args.output,
    )


def _run_sites(args: argparse.Namespace, declarations: Declarations) -> int:
    """Run `cookiescan scan --sites FILE`."""
    from scanner.pipeline.manifest import ShardManifest
    from scanner.pipeline.sites import run_sites

    if args.urls:
        raise ConfigError("give URLs in the sites file, not with --sites", "--sites")
    if getattr(args, "evidence", False):
        # The shared pool records no HAR per site yet: refuse rather than leave it out.
        raise ConfigError(
            "--evidence works for one site's scan, not yet with --sites", "--evidence"
        )
    sites = load_sites(Path(args.sites), print_warning)
    settled = resolve_args(args, declarations)
    manifest = None
    if args.shard is not None:
        shard = parse_shard(args.shard)
        chosen = shard_sites(sites, shard)
        manifest = ShardManifest(Path(settled.out), shard, sites, chosen)
        sites = chosen
    # The run's report language (flag, environment, the run's declared file): summary.json,
    # index.html and a merged portfolio; each site's reports take its own declared file's.
    language = parse_language(getattr(settled, "report_language", None) or "en")
    options = replace(report_options(settled), language=language)
    return run_sites(args, sites, declarations, formats_of(settled), options, manifest=manifest)
