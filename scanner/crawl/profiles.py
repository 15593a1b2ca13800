"""Temporary browser profile folders, removed on every exit path (signals included)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

PREFIX = "cookiescan-profile-"
_LIVE: set[Path] = set()


def new_profile() -> Path:
    """A fresh, empty profile folder under $TMPDIR, tracked until ``remove_profile``."""
    path = Path(tempfile.mkdtemp(prefix=PREFIX))
    _LIVE.add(path)
    return path


def remove_profile(path: Path) -> None:
    """Delete a profile folder (the browser using it must be closed first)."""
    shutil.rmtree(path, ignore_errors=True)
    _LIVE.discard(path)


def remove_all_profiles() -> None:
    """Delete every profile folder still tracked: the last resort of an interrupted scan."""
    for path in list(_LIVE):
        remove_profile(path)
