"""`cookiescan merge DIR...`: join shard outputs into one portfolio (summary.json and a page)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.errors import ConfigError
from scanner.report.portfolio.merge import load_portfolio, merge_shards, read_shard
from scanner.report.portfolio.page import write_portfolio
from scanner.settings.parse import parse_language


def register(commands: Any) -> None:
    """Add the `merge` subcommand."""
    parser = commands.add_parser(
        "merge",
        help="join the shards of a portfolio scan into one portfolio",
        description="Copy every site's reports from the shard folders (each written by "
        "'scan --sites FILE --shard K/N --out DIR') into --out, and write one portfolio "
        "summary.json and index.html. Missing or unfinished shards are reported; the exit "
        "code is the worst site's (3 when a shard is missing).",
    )
    parser.add_argument("dirs", nargs="+", metavar="DIR", help="shard output folders")
    parser.add_argument("--out", metavar="DIR", default="portfolio", help="(portfolio/)")
    parser.add_argument(
        "--baseline",
        metavar="SUMMARY",
        default=None,
        help="a previous portfolio summary.json (or its folder): new and resolved per site",
    )
    parser.add_argument(
        "--report-language",
        metavar="LANG",
        default=None,
        help="language of index.html and summary.md (default: the scanned run's)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan merge`."""
    out = Path(args.out)
    folders = [Path(d) for d in args.dirs]
    for folder in folders:
        if folder.resolve() == out.resolve():
            raise ConfigError("--out must not be one of the shard folders", "--out")
    baseline = load_portfolio(Path(args.baseline)) if args.baseline else None
    language = parse_language(args.report_language) if args.report_language else None
    portfolio = merge_shards([read_shard(f) for f in folders], out, baseline, language)
    summary, page = write_portfolio(out, portfolio)
    console = Console(highlight=False)
    table = Table(title="portfolio", title_justify="left")
    for column in ("site", "status", "findings", "shard"):
        table.add_column(column, overflow="fold")
    for site in portfolio["sites"]:
        cells = (site["name"], site["status"], str(site["findings"]["total"]), str(site["shard"]))
        table.add_row(*(Text(c) for c in cells))
    console.print(table)
    for shard in portfolio["shards"]:
        if shard["status"] != "done":
            where = shard["index"] or shard["folder"]
            console.print(f"shard {where}: {shard['status']}", markup=False, highlight=False)
    console.print(f"summary: {summary}", markup=False, highlight=False)
    console.print(f"page: {page}", markup=False, highlight=False)
    return int(portfolio["exit_code"])
