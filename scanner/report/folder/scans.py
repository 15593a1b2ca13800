"""Reading the reports folder: every scan folder with a readable report.json."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from scanner.report.context.counts import SEVERITIES_DESC

LATEST = "latest"


@dataclass(frozen=True, slots=True)
class ScanEntry:
    """One scan listed in index.html (read from its report.json)."""

    folder: str
    href: str
    site: str
    started_at: str
    findings: int
    by_severity: tuple[tuple[str, int], ...]
    pages: int
    formats: tuple[str, ...]


def list_scans(root: Path) -> list[ScanEntry]:
    """Every scan folder under ``root`` with a readable report.json, newest first."""
    entries = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        if folder.name == LATEST or folder.name.startswith("."):
            continue
        entry = entry_of(folder)
        if entry is not None:
            entries.append(entry)
    return sorted(entries, key=lambda e: (e.started_at, e.folder), reverse=True)


def entry_of(folder: Path) -> ScanEntry | None:
    try:
        data: Any = json.loads((folder / "report.json").read_text("utf-8"))
        meta, summary = data["meta"], data["summary"]["findings"]
        states = data["summary"]["states"]
        return ScanEntry(
            folder=folder.name,
            href=quote(folder.name) + "/" + _main_file(folder),
            site=str(data["declarations"].get("site") or ", ".join(meta["targets"])),
            started_at=str(meta["started_at"]),
            findings=int(summary["total"]),
            by_severity=_by_rank((str(k), int(v)) for k, v in summary["by_severity"].items()),
            pages=sum(int(s["pages"]) for s in states),
            formats=tuple(sorted(p.name for p in folder.glob("report.*"))),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _by_rank(counts: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Counts by severity, most severe first (report.json sorts its keys by name)."""
    order = [str(s) for s in SEVERITIES_DESC]
    return tuple(sorted(counts, key=lambda c: order.index(c[0]) if c[0] in order else len(order)))


def _main_file(folder: Path) -> str:
    return "report.html" if (folder / "report.html").is_file() else "report.json"
