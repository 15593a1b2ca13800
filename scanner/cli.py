"""Command-line entry point: ``main(argv) -> int`` with documented exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from scanner import __version__
from scanner.commands import (
    browser,
    check_policy,
    consent,
    demo,
    diff,
    explain,
    import_policy,
    init,
    merge,
    scan,
    setup,
    update,
    verify_evidence,
)
from scanner.errors import CookiescanError, ExitCode

COMMANDS = (
    scan,
    merge,
    demo,
    browser,
    setup,
    init,
    diff,
    import_policy,
    check_policy,
    explain,
    update,
    consent,
    verify_evidence,
)

EPILOG = """exit codes:
  0    clean: no finding at or above --fail-on
  1    findings at or above --fail-on
  2    usage or configuration error (bad flag, bad expected_cookies.yaml)
  3    the scan could not run or finish (no browser, the browser kept dying, an
       unexpected error); pages already scanned are written as a partial report
  130  interrupted by SIGINT or SIGTERM (a partial report is written)
  diff and check-policy exit 1 when they find differences, verify-evidence when a file of
  the folder does not match its manifest; update exits 3 when no source
  could be refreshed; browser and setup exit 3 when no browser was found or installed.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="cookiescan",
        description="Cookie and tracker compliance scanner: crawls a site with a real Chromium "
        "with no consent, after 'accept all' and after 'reject all', and checks what is set "
        "against the declared list (expected_cookies.yaml).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cookiescan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the process exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else int(ExitCode.USAGE)
    if not args.command:
        parser.print_help(sys.stderr)
        return int(ExitCode.USAGE)
    errors = Console(stderr=True, highlight=False)
    try:
        return int(args.run(args))
    except CookiescanError as exc:
        errors.print(f"[bold red]cookiescan:[/] {escape(str(exc))}", soft_wrap=True)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        errors.print("[yellow]cookiescan: interrupted[/]")
        return int(ExitCode.INTERRUPTED)


if __name__ == "__main__":
    sys.exit(main())
