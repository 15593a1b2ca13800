"""`cookiescan update`: download current filter lists and the cookie database into the cache."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scanner.errors import ExitCode
from scanner.knowledge.cache import DEFAULT_TIMEOUT, update


def register(commands: Any) -> None:
    """Add the `update` subcommand."""
    parser = commands.add_parser(
        "update",
        help="refresh the knowledge cache (filter lists, cookie database)",
        description="Download EasyPrivacy, EasyList and the Open Cookie Database into the "
        "cache ($COOKIESCAN_CACHE_DIR or ~/.cache/cookiescan). A failed source keeps its "
        "previous copy. Exit 0 when at least one source was refreshed, 3 when all failed.",
    )
    parser.add_argument("--cache-dir", type=Path, default=None, help="cache folder")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Refresh every source and print one line per source."""
    report = update(cache_dir=args.cache_dir, timeout=args.timeout)
    for line in report.lines():
        print(line)
    print(f"cache: {report.cache_dir}")
    return int(ExitCode.SCAN_FAILED if not any(r.ok for r in report.results) else ExitCode.CLEAN)
