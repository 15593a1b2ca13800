"""Installing the pinned @duckduckgo/autoconsent with npm into the user's cache (optional)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.consent.autoconsent import (
    ENV,
    NPM_NAME,
    OFF_WORDS,
    PACKAGE,
    RULES,
    SCRIPT,
    SHIPPED,
    VERSION,
    cache_prefix,
    find_autoconsent,
)

NPM_TIMEOUT_S = 300.0


@dataclass(frozen=True, slots=True)
class AutoconsentSetup:
    """The outcome: where the package is (when it is), and one line saying what happened."""

    path: Path | None
    detail: str


def installed_version(package: Path) -> str | None:
    """The version of a complete autoconsent install at ``package``, else None."""
    if not ((package / SCRIPT).is_file() and (package / RULES).is_file()):
        return None
    try:
        version = json.loads((package / "package.json").read_text("utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return str(version) if version else None


def npm_install_command(npm: str, prefix: Path) -> list[str]:
    """The npm command installing the pinned release under ``prefix`` (no install scripts)."""
    return [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
            "--ignore-scripts", "--no-save", f"{NPM_NAME}@{VERSION}"]  # fmt: skip


def setup_autoconsent(
    run: Callable[[Sequence[str], float], bool],
    prefix: Path | None = None,
    npm: str | None = None,
) -> AutoconsentSetup:
    """Install the pinned autoconsent under ``prefix`` (default: the user's cache) with npm.

    ``run`` runs a command within a timeout (True when it exited 0). Already there at the
    pinned version: nothing to do. Without npm (``npm``: its path, default found on PATH):
    say so; the scanner uses the copy shipped inside cookiescan.
    """
    prefix = prefix if prefix is not None else cache_prefix()
    package = prefix / PACKAGE
    if installed_version(package) == VERSION:
        return AutoconsentSetup(package, f"{NPM_NAME} {VERSION} already in {package}")
    npm = npm or shutil.which("npm")
    if npm is None:
        return AutoconsentSetup(
            None,
            f"npm not found: the scanner uses the {NPM_NAME} {VERSION} shipped with cookiescan "
            "(nothing to install).",
        )
    prefix.mkdir(parents=True, exist_ok=True)
    if run(npm_install_command(npm, prefix), NPM_TIMEOUT_S) and installed_version(package):
        return AutoconsentSetup(package, f"installed {NPM_NAME} {VERSION} into {package}")
    return AutoconsentSetup(
        None, f"npm could not install {NPM_NAME}@{VERSION} into {prefix}; it stays optional"
    )


def describe_autoconsent() -> str:
    """One line: the autoconsent bundle a scan would use, or how to get it."""
    path = find_autoconsent()
    if path is None:
        if os.environ.get(ENV, "").lower() in OFF_WORDS:
            return f"autoconsent: off ({ENV})"
        return (
            f"autoconsent: not installed (optional; `cookiescan setup` installs {NPM_NAME} "
            f"{VERSION} with npm into {cache_prefix()})"
        )
    version = installed_version(path) or "unknown version"
    pinned = "" if version == VERSION else f"; cookiescan pins {VERSION}"
    where = "shipped with cookiescan (MPL-2.0)" if path.resolve() == SHIPPED else f"in {path}"
    return f"autoconsent: {NPM_NAME} {version} {where}{pinned}"
