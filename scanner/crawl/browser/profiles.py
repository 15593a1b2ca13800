"""Temporary browser profile folders, removed on every exit path (signals included)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

PREFIX = "cookiescan-profile-"
_CREATED: set[Path] = set()


def new_profile() -> Path:
    """A fresh, empty profile folder under $TMPDIR, tracked until ``remove_all_profiles``."""
    path = Path(tempfile.mkdtemp(prefix=PREFIX))
    _CREATED.add(path)
    return path


def remove_profile(path: Path) -> None:
    """Delete a profile folder (the browser using it must be closed first)."""
    shutil.rmtree(path, ignore_errors=True)


def remove_all_profiles() -> None:
    """Delete every profile folder this process made, once more: the last resort at the end of
    a scan, when a killed browser's helper processes may have written into a removed one."""
    for path in list(_CREATED):
        remove_profile(path)
        if not path.exists():
            _CREATED.discard(path)
