"""Checking a report folder against its manifest.json (``cookiescan verify-evidence``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scanner.report.folder.hashes import MANIFEST, folder_files, sha256_of


@dataclass(frozen=True, slots=True)
class Check:
    """What checking a folder against its manifest found."""

    checked: int
    changed: tuple[str, ...]
    missing: tuple[str, ...]
    added: tuple[str, ...]

    @property
    def intact(self) -> bool:
        """Every listed file is there unchanged, and nothing was added."""
        return not (self.changed or self.missing or self.added)


def verify_folder(folder: Path) -> Check:
    """Compare every file of ``folder`` with its manifest (OSError, ValueError: unreadable)."""
    listed: dict[str, str] = json.loads((folder / MANIFEST).read_text("utf-8"))["files"]
    present = set(folder_files(folder))
    changed = tuple(
        n for n in sorted(listed) if n in present and sha256_of(folder / n) != listed[n]
    )
    return Check(
        checked=len(listed),
        changed=changed,
        missing=tuple(n for n in sorted(listed) if n not in present),
        added=tuple(sorted(present - set(listed))),
    )
