"""`cookiescan check-policy`: compare a published policy, the declared list and a scan."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from scanner.errors import ExitCode
from scanner.policy.compare import Row, compare, differences
from scanner.report.formats.json_report import load_report
from scanner.settings.flags import resolve_declarations


def register(commands: Any) -> None:
    """Add the `check-policy` subcommand."""
    parser = commands.add_parser(
        "check-policy",
        help="compare a cookie policy with the declared list and a scan report",
        description="List every cookie name of the policy, the declared list and (with "
        "--report) a scan: in the policy but not declared, declared but not in the policy, "
        "observed but in neither, categories that differ. Exit 0 when all agree, 1 when "
        "there are differences, 2 on bad input.",
    )
    parser.add_argument("--policy", required=True, metavar="FILE|URL", help="the policy")
    parser.add_argument("--declared", default=None, help="expected_cookies.yaml (./ default)")
    parser.add_argument("--report", default=None, metavar="JSON", help="a scan's report.json")
    parser.set_defaults(run=run)


def table(rows: list[Row], with_scan: bool) -> Table:
    """The comparison as a rich table (site-controlled text escaped)."""
    grid = Table(title="Policy vs declared list" + (" vs scan" if with_scan else ""))
    for heading in ("cookie", "policy", "declared", *(["observed"] if with_scan else []), "status"):
        grid.add_column(heading)
    mark = {True: "yes", False: "-", None: "?"}
    for row in rows:
        observed = [mark[row.observed]] if with_scan else []
        status = row.status.value + (f" ({row.detail})" if row.detail else "")
        grid.add_row(
            escape(row.name if row.type == "cookie" else f"{row.name} ({row.type})"),
            mark[row.in_policy],
            mark[row.declared],
            *observed,
            escape(status),
        )
    return grid


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan check-policy`."""
    # Imported here: the CLI loads every command to build its parser (an HTML parser and the
    # knowledge base are slow to import, and every other command would pay for them).
    from scanner.knowledge import load_knowledge
    from scanner.policy.source import load_policy

    policy = load_policy(args.policy, load_knowledge())
    declarations = resolve_declarations(args.declared)
    result = load_report(args.report) if args.report else None
    rows = compare(policy, declarations, result)
    console = Console(highlight=False)
    console.print(table(rows, result is not None))
    different = differences(rows)
    console.print(f"{len(rows)} names, {len(different)} differences", markup=False)
    return int(ExitCode.FINDINGS if different else ExitCode.CLEAN)
