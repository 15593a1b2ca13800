"""`cookiescan demo`: serve the bundled demo shop locally and scan it in every consent state."""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.errors import ExitCode
from scanner.report import OutputFormat
from scanner.settings.flags import (
    add_scan_options,
    build_config,
    resolve_args,
    resolve_declarations,
)

DEMO_HOST = "www.demo-shop.test"
DEMO_STATES = "none,accept,reject,gpc"


def register(commands: Any) -> None:
    """Add the `demo` subcommand."""
    parser = commands.add_parser(
        "demo",
        help="scan the bundled demo shop (no network needed)",
        description="Start the bundled demo shop on 127.0.0.1 over HTTPS (a shop, a CDN and two "
        "trackers, with deliberate problems), scan it in the three consent states and with "
        "Global Privacy Control, and write the reports. Exits 0 when the scan ran: the findings "
        "are the point of the demo.",
    )
    add_scan_options(parser)
    parser.set_defaults(states=DEMO_STATES)
    parser.set_defaults(run=run)


def demo_site_root() -> Path:
    """The bundled demo site's folder."""
    return Path(str(resources.files("scanner.demo").joinpath("site")))


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan demo`."""
    # Imported here, not at the top: the CLI loads every command to build its parser, and
    # only scanning commands may pay for the browser stack (Playwright).
    from scanner.demo.server import LocalSite
    from scanner.pipeline.execute import execute

    root = demo_site_root()
    declarations = resolve_declarations(str(root / "expected_cookies.yaml"))
    console = Console(highlight=False)
    args = resolve_args(args, declarations)
    with LocalSite(root) as site:
        args.resolve = [*args.resolve, *site.resolve_rules]
        args.ignore_https_errors = True
        config = build_config(args, declarations, [site.url(DEMO_HOST, "/")])
        console.print(f"Demo shop served at {site.url(DEMO_HOST, '/')} (127.0.0.1)", markup=False)
        formats = tuple(map(OutputFormat, args.formats or ["terminal", "json", "html", "markdown"]))
        # No annotations: the demo's findings are not about the user's repository.
        code = execute(
            config, (*formats, OutputFormat.JSON), console, output=args.output, annotate=False
        )
    return code if code in (ExitCode.INTERRUPTED, ExitCode.USAGE, ExitCode.SCAN_FAILED) else 0
