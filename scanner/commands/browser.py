"""`cookiescan browser`: say which Chromium a scan would use, and how it was found."""

from __future__ import annotations

import argparse
from typing import Any

from scanner.crawl.locate import browser_version, find_browser


def register(commands: Any) -> None:
    """Add the `browser` subcommand."""
    parser = commands.add_parser(
        "browser",
        help="show which Chromium a scan would use",
        description="Resolve the browser as a scan would: --browser-path, COOKIESCAN_BROWSER, "
        "Playwright's Chromium, then chromium, chromium-browser, google-chrome on PATH.",
    )
    parser.add_argument("--browser-path", default=None, help="Chromium/Chrome executable")
    parser.set_defaults(run=run)


def playwright_chromium_path() -> str | None:
    """Where Playwright's own Chromium would be (it may not be installed)."""
    from playwright.sync_api import sync_playwright  # only when asked: the CLI starts fast

    with sync_playwright() as playwright:
        return playwright.chromium.executable_path or None


def run(args: argparse.Namespace) -> int:
    """Print the browser's path, version and how it was found."""
    # Imported here, not at the top: the CLI loads every command to build its parser, and
    # only scanning commands may pay for the browser stack (Playwright).

    location = find_browser(args.browser_path, playwright_chromium_path())
    version = browser_version(location.path) or "unknown version"
    print(f"{location.path} (Chromium {version}; found via {location.how})")
    return 0
