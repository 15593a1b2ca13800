"""The reports folder: one sub-folder per scan (site + UTC time), a latest/ copy, index.html."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from scanner.errors import ConfigError, CookiescanError
from scanner.i18n import DEFAULT_LANGUAGE
from scanner.model import ScanResult
from scanner.report.context import ReportContext, ReportOptions
from scanner.report.folder.index_page import render_index
from scanner.report.folder.lock import folder_lock
from scanner.report.folder.scans import LATEST, entry_of, list_scans
from scanner.report.formats import OutputFormat, write_reports
from scanner.report.text.atomic import write_atomic

INDEX = "index.html"
_DEFAULT = ReportOptions()
_UNSAFE = re.compile(r"[^a-z0-9.-]+")


@dataclass(frozen=True, slots=True)
class ScanFolder:
    """Where one scan's reports went: its own folder, the files, and the latest/ copy."""

    folder: Path
    files: tuple[Path, ...]
    latest: Path
    index: Path
    # Files added after the reports: comparison.json, --evidence's HARs, screenshots and
    # manifest.json (last)
    evidence: tuple[Path, ...] = ()


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


def ensure_writable(root: Path) -> None:
    """Fail now (exit 2), not after the scan, when reports cannot be written under ``root``."""
    if root.exists() and not root.is_dir():
        raise ConfigError(f"{root} exists and is not a folder", "--out")
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=root, prefix=".cookiescan-write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise ConfigError(f"cannot write reports into {root}: {e.strerror or e}", "--out") from e


def write_scan(
    result: ScanResult | ReportContext,
    root: Path,
    formats: Iterable[OutputFormat],
    options: ReportOptions | None = None,
    evidence: Callable[[Path], Iterable[Path]] | None = None,
) -> ScanFolder:
    """Write the reports into a new folder under ``root``, refresh latest/ and index.html.

    ``evidence`` (comparison.json, --evidence) adds its files to the folder after the reports,
    before the folder is copied to latest/. The index is written in the report language.
    """
    scan = result.result if isinstance(result, ReportContext) else result
    language = (
        result.options if isinstance(result, ReportContext) else options or _DEFAULT
    ).language
    folder = _new_folder(root, folder_name(scan))
    files = tuple(write_reports(result, folder, formats, options))
    kept = tuple(evidence(folder)) if evidence else ()
    try:
        with folder_lock(root):  # another scan into the same --out waits its turn here
            latest = refresh_latest(root, (*files, *kept), folder)
            index = write_index(root, language)
    except OSError as e:
        raise CookiescanError(f"cannot lock {root}: {e.strerror or e}") from e
    return ScanFolder(folder, files, latest, index, kept)


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


def refresh_latest(root: Path, files: Iterable[Path], folder: Path | None = None) -> Path:
    """Replace ``root/latest`` with a copy of ``files`` (built aside, then renamed in); files
    under ``folder`` keep their place relative to it (evidence/)."""
    latest = root / LATEST
    try:
        staging = Path(tempfile.mkdtemp(dir=root, prefix=".latest-new-"))
        staging.chmod(0o755)
        for path in files:
            inside = folder is not None and path.is_relative_to(folder)
            target = staging / (path.relative_to(folder) if inside and folder else path.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
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


def write_index(root: Path, language: str = DEFAULT_LANGUAGE) -> Path:
    """Write ``root/index.html`` listing every scan (self-contained, like the reports), in
    ``language``."""
    path = root / INDEX
    latest = entry_of(root / LATEST)
    href = latest.href if latest else None
    write_atomic(path, render_index(list_scans(root), href, language))
    return path
