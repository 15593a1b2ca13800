"""`cookiescan consent URL`: show the consent manager, strategy and controls, without clicking."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from scanner.crawl.options import BrowserOptions
from scanner.settings.parse import parse_resolve

if TYPE_CHECKING:
    from scanner.consent.inspect import ConsentPlan


def register(commands: Any) -> None:
    """Add the `consent` subcommand."""
    parser = commands.add_parser(
        "consent",
        help="detect a page's consent banner and show the controls a scan would use",
        description="Open URL in Chromium, detect the consent manager (CMP rules, autoconsent "
        "when installed, then the multilingual heuristic) and print the strategy and the "
        "controls it would click to accept and to reject. Nothing is clicked.",
    )
    parser.add_argument("url", help="page with the consent banner")
    parser.add_argument("--banner-wait", type=float, default=5.0, help="max wait, s (5)")
    parser.add_argument("--browser-path", default=None, help="Chromium/Chrome executable")
    parser.add_argument("--resolve", action="append", default=[], metavar="HOST=IP")
    parser.add_argument("--ignore-https-errors", action="store_true")
    parser.set_defaults(run=run)


def print_plan(plan: ConsentPlan, console: Console) -> None:
    """Print the plan for a developer."""
    ready = "" if plan.ready is None else f" (ready: {'yes' if plan.ready else 'not yet'})"
    console.print(f"CMP:      {escape(plan.cmp or 'none detected')}{ready}")
    console.print(f"Strategy: {escape(plan.strategy or 'none')}")
    for label, steps in (("Accept", plan.accept), ("Reject", plan.reject)):
        console.print(f"{label}:   {escape(' > '.join(steps) or 'no control found')}")
    if plan.note:
        console.print(f"Note:     {escape(plan.note)}")


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan consent`."""
    # Imported here, not at the top: the CLI loads every command to build its parser, and
    # only browsing commands may pay for the browser stack (Playwright).
    from scanner.crawl.visit.inspect_consent import inspect_consent

    browser = BrowserOptions(
        resolve=parse_resolve(args.resolve), ignore_https_errors=args.ignore_https_errors
    )
    plan = asyncio.run(inspect_consent(args.url, args.browser_path, browser, args.banner_wait))
    print_plan(plan, Console(highlight=False, soft_wrap=True))
    return 0 if plan.strategy else 1
