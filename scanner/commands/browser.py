"""`cookiescan browser`: which Chromium a scan would use, how it was found, how to get one."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    """Add the `browser` subcommand."""
    parser = commands.add_parser(
        "browser",
        help="show which Chromium a scan would use (--install: get one)",
        description="Resolve the browser as a scan would: --browser-path, COOKIESCAN_BROWSER, "
        "Playwright's Chromium, then chromium, chromium-browser, google-chrome on PATH; say "
        "whether the optional autoconsent bundle is installed; then launch it and probe the "
        "visitor it presents as a scan would (the browser profile and the tells a site could "
        "still use, as in a report's metadata). Exit 3 when no browser is found.",
    )
    parser.add_argument("--browser-path", default=None, help="Chromium/Chrome executable")
    parser.add_argument(
        "--install",
        action="store_true",
        help="when none is found, get one: Playwright's download, else apt-get as root",
    )
    parser.add_argument(
        "--headed", action="store_true", help="probe a visible browser window, as scan --headed"
    )
    parser.add_argument(
        "--browser-endpoint",
        default="",
        help="probe the running Chrome at this CDP endpoint instead, as scan --browser-endpoint",
    )
    parser.add_argument(
        "--no-probe", action="store_true", help="only find the browser; do not launch it"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the browser (or what was tried and how to get one) and the autoconsent bundle."""
    # Imported here, not at the top: the CLI loads every command to build its parser, and
    # only commands that need it may pay for the browser stack (Playwright).
    from scanner.consent.autoconsent_setup import describe_autoconsent
    from scanner.crawl.browser.install import describe_browser
    from scanner.pipeline.browser_setup import advise_if_missing, get_browser, probe_lines

    found = get_browser(args.browser_path, args.install, say=_say)
    print(describe_browser(found))
    print(describe_autoconsent(), flush=True)
    code = advise_if_missing(found)
    if args.no_probe or (found.location is None and not args.browser_endpoint):
        return code
    for line in probe_lines(args.browser_path, not args.headed, args.browser_endpoint):
        print(line)
    return code


def _say(message: str) -> None:
    print(f"browser: {message}", flush=True)
