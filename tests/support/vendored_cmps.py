"""The real consent managers the browser tests serve, vendored from npm (tests/vendor/cmps)."""

from __future__ import annotations

import shutil
from pathlib import Path

TESTS = Path(__file__).parents[1]
VENDORED = TESTS / "vendor" / "cmps"
PINS = TESTS / "cmp-packages" / "package.json"
PACKAGES = ("vanilla-cookieconsent", "klaro", "cookieconsent", "tarteaucitronjs")


def copy_cmps(cdn: Path) -> Path:
    """Copy every vendored package to ``cdn/<package>/`` (the paths the fixture pages load)."""
    for package in PACKAGES:
        shutil.copytree(VENDORED / package, cdn / package)
    return cdn
