"""manifest.json: the SHA-256 of every file of a report folder, with versions and settings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.model import ScanResult
from scanner.report.folder.hashes import MANIFEST, folder_files, sha256_of
from scanner.report.text.atomic import write_atomic

MANIFEST_VERSION = 1


def manifest_data(
    folder: Path,
    result: ScanResult,
    rule_sets: Mapping[str, str],
    report: Mapping[str, object],
) -> dict[str, Any]:
    """What manifest.json holds (documented in the README's "Evidence package")."""
    meta = result.meta
    scan = {"targets": list(meta.targets), "started_at": meta.started_at}
    return {
        "manifest_version": MANIFEST_VERSION,
        "scanner": {"name": "cookiescan", "version": __version__},
        "scan": scan | {"finished_at": meta.finished_at},
        "browser": meta.browser_version,
        "rule_sets": dict(rule_sets),
        "settings": dict(meta.settings),
        "report": dict(report),
        "files": {name: sha256_of(folder / name) for name in folder_files(folder)},
    }


def write_manifest(
    folder: Path,
    result: ScanResult,
    rule_sets: Mapping[str, str],
    report: Mapping[str, object],
) -> Path:
    """Write ``folder/manifest.json`` over the folder's files as they are now."""
    path = folder / MANIFEST
    data = manifest_data(folder, result, rule_sets, report)
    write_atomic(path, json.dumps(data, indent=2, sort_keys=True) + "\n")
    return path
