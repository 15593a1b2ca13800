"""`cookiescan setup`: get a Chromium and the optional autoconsent bundle into the user's cache."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    """Add the `setup` subcommand."""
    parser = commands.add_parser(
        "setup",
        help="get a Chromium and the optional autoconsent bundle (after pip/pipx install)",
        description="Make cookiescan ready to scan, as `make setup autoconsent` does in the "
        "repository: find a Chromium, else download Playwright's, else install the system "
        "package with apt-get when running as root, else print what to install; then install "
        "the pinned @duckduckgo/autoconsent with npm into the user's cache "
        "(~/.cache/cookiescan or $COOKIESCAN_CACHE_DIR), never into site-packages. "
        "Exit 3 when no browser could be had; a missing npm only warns.",
    )
    parser.add_argument("--browser-path", default=None, help="Chromium/Chrome executable")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser")
    parser.add_argument("--no-autoconsent", action="store_true", help="skip autoconsent")
    parser.add_argument(
        "--autoconsent-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="npm prefix for autoconsent (default: the user's cache)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Set up the browser, then autoconsent; exit 3 when no browser could be had."""
    # Imported here, not at the top: the CLI loads every command to build its parser, and
    # only commands that need it may pay for the browser stack (Playwright).
    from scanner.consent.autoconsent_setup import setup_autoconsent
    from scanner.consent.rule_sets import rule_sets
    from scanner.crawl.browser.install import describe_browser, run_quietly
    from scanner.pipeline.browser_setup import advise_if_missing, get_browser

    code = 0
    if not args.no_browser:
        found = get_browser(args.browser_path, install=True, say=_say)
        _say(describe_browser(found))
        code = advise_if_missing(found)
    if not args.no_autoconsent:
        _say(f"autoconsent: {setup_autoconsent(run_quietly, args.autoconsent_dir).detail}")
    for line in rule_sets():
        _say(f"consent rule set: {line}")
    return code


def _say(message: str) -> None:
    print(f"setup: {message}", flush=True)
