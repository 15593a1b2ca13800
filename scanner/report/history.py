"""The reports folder: one sub-folder per scan (site + UTC time), a latest/ copy, index.html."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from scanner.errors import CookiescanError
from scanner.model import ScanResult
from scanner.report.interface import OutputFormat, ReportOptions, write_atomic, write_reports

LATEST = "latest"
INDEX = "index.html"
_UNSAFE = re.compile(r"[^a-z0-9.-]+")


@dataclass(frozen=True, slots=True)
class ScanFolder:
    """Where one scan's reports went: its own folder, the files, and the latest/ copy."""

    folder: Path
    files: tuple[Path, ...]
    latest: Path
    index: Path


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


def folder_name(result: ScanResult) -> str:
    """``<site host>-<UTC start time>``, e.g. ``www.example.com-20250115T100000Z``."""
    site = result.declarations.site or next(iter(result.meta.targets), "")
    host = (urlsplit(site).hostname or "") if "://" in site else site
    slug = _UNSAFE.sub("-", host.lower()).strip("-.")[:63] or "scan"
    return f"{slug}-{_timestamp(result.meta.started_at)}"


def _timestamp(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return "unknown-time"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def write_scan(
    result: ScanResult,
    root: Path,
    formats: Iterable[OutputFormat],
    options: ReportOptions | None = None,
) -> ScanFolder:
    """Write the reports into a new folder under ``root``, refresh latest/ and index.html."""
    folder = _new_folder(root, folder_name(result))
    files = tuple(write_reports(result, folder, formats, options))
    latest = refresh_latest(root, files)
    return ScanFolder(folder, files, latest, write_index(root))


def _new_folder(root: Path, name: str) -> Path:
    try:
        root.mkdir(parents=True, exist_ok=True)
        for n in range(1, 1000):
            folder = root / (name if n == 1 else f"{name}-{n}")
            try:
                folder.mkdir()
            except FileExistsError:
                continue
            return folder
    except OSError as e:
        raise CookiescanError(f"cannot create report folder in {root}: {e.strerror or e}") from e
    raise CookiescanError(f"too many report folders named {name} in {root}")


def refresh_latest(root: Path, files: Iterable[Path]) -> Path:
    """Replace ``root/latest`` with a copy of ``files`` (built aside, then renamed in)."""
    latest = root / LATEST
    try:
        staging = Path(tempfile.mkdtemp(dir=root, prefix=".latest-new-"))
        staging.chmod(0o755)
        for path in files:
            shutil.copy2(path, staging / path.name)
        trash = root / f".latest-old-{uuid.uuid4().hex}"
        if latest.is_symlink() or latest.is_file():
            latest.unlink()
        elif latest.exists():
            latest.rename(trash)
        staging.rename(latest)
        shutil.rmtree(trash, ignore_errors=True)
    except OSError as e:
        raise CookiescanError(f"cannot update {latest}: {e.strerror or e}") from e
    return latest


def list_scans(root: Path) -> list[ScanEntry]:
    """Every scan folder under ``root`` with a readable report.json, newest first."""
    entries = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        if folder.name == LATEST or folder.name.startswith("."):
            continue
        entry = _entry(folder)
        if entry is not None:
            entries.append(entry)
    return sorted(entries, key=lambda e: (e.started_at, e.folder), reverse=True)


def _entry(folder: Path) -> ScanEntry | None:
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
            by_severity=tuple((str(k), int(v)) for k, v in summary["by_severity"].items()),
            pages=sum(int(s["pages"]) for s in states),
            formats=tuple(sorted(p.name for p in folder.glob("report.*"))),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _main_file(folder: Path) -> str:
    return "report.html" if (folder / "report.html").is_file() else "report.json"


def write_index(root: Path) -> Path:
    """Write ``root/index.html`` listing every scan (self-contained, like the reports)."""
    from scanner.report.html import render_index  # lazy: html pulls in jinja2

    path = root / INDEX
    latest = _entry(root / LATEST)
    write_atomic(path, render_index(list_scans(root), latest.href if latest else None))
    return path
