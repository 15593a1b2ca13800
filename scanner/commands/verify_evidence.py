"""`cookiescan verify-evidence FOLDER`: check a report folder against its manifest.json."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.errors import ConfigError, ExitCode
from scanner.report.folder.hashes import MANIFEST
from scanner.report.folder.verify import Check, verify_folder


def register(commands: Any) -> None:
    """Add the `verify-evidence` subcommand."""
    parser = commands.add_parser(
        "verify-evidence",
        help="check a report folder against its manifest.json (--evidence)",
        description="Recompute the SHA-256 of every file of a report folder written with "
        "--evidence and compare it with manifest.json. Exits 0 when every file is there "
        "unchanged and nothing was added, 1 when a file changed, is missing or was added, "
        "2 when the folder has no readable manifest.",
    )
    parser.add_argument("folder", metavar="FOLDER", help="a scan's report folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan verify-evidence`."""
    folder = Path(args.folder)
    try:
        check = verify_folder(folder)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ConfigError(f"no readable {MANIFEST} in {folder}: {e}", "FOLDER") from e
    _print(check, Console(highlight=False))
    return int(ExitCode.CLEAN if check.intact else ExitCode.FINDINGS)


def _print(check: Check, console: Console) -> None:
    for label, names in (("changed", check.changed), ("missing", check.missing)):
        for name in names:
            console.print(f"{label}: {name}", markup=False)
    for name in check.added:
        console.print(f"not in the manifest: {name}", markup=False)
    verdict = "intact" if check.intact else "NOT intact"
    console.print(f"{verdict}: {check.checked} files in the manifest", markup=False)
