"""`cookiescan consent URL`: show the consent manager, strategy and controls, without clicking."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path
from typing import Any

from playwright.async_api import Error, async_playwright
from rich.console import Console
from rich.markup import escape

from scanner.config import parse_resolve
from scanner.consent.autoconsent import find_autoconsent, load_bundle
from scanner.consent.engine import ConsentEngine
from scanner.consent.inspect import ConsentPlan, plan_consent
from scanner.crawl.browser import (
    BrowserOptions,
    browser_version,
    default_user_agent,
    find_browser,
    launch_profile,
)
from scanner.errors import ScanError
from scanner.model import ConsentControls


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


async def inspect_url(args: argparse.Namespace) -> ConsentPlan:
    """Load the page in a fresh profile and plan the consent actions."""
    async with async_playwright() as playwright:
        location = find_browser(args.browser_path, playwright.chromium.executable_path)
        options = BrowserOptions(
            executable=location.path,
            user_agent=default_user_agent(browser_version(location.path)),
            resolve=parse_resolve(args.resolve),
            ignore_https_errors=args.ignore_https_errors,
        )
        autoconsent = find_autoconsent()
        engine = ConsentEngine(
            ConsentControls(), args.banner_wait, load_bundle(autoconsent) if autoconsent else None
        )
        with tempfile.TemporaryDirectory(prefix="cookiescan-consent-") as profile:
            context = await launch_profile(playwright, options, Path(profile))
            try:
                page = context.pages[0] if context.pages else await context.new_page()
                await page.goto(args.url, wait_until="load", timeout=30_000)
                return await plan_consent(engine, page)
            except Error as exc:
                raise ScanError(
                    f"could not inspect {args.url}: {str(exc).splitlines()[0]}"
                ) from exc
            finally:
                await context.close()


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
    plan = asyncio.run(inspect_url(args))
    print_plan(plan, Console(highlight=False, soft_wrap=True))
    return 0 if plan.strategy else 1
