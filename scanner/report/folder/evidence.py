"""The evidence package of a scan folder: sealed HARs, banner screenshots, manifest.json."""

from __future__ import annotations

import base64
import shutil
from collections.abc import Mapping
from pathlib import Path

from scanner.model import ScanResult
from scanner.report.folder.manifest import write_manifest
from scanner.report.formats.html import is_png_base64

EVIDENCE = "evidence"
SEALED_SUFFIX = ".har"
RAW_SUFFIX = ".raw.har"  # never copied: only logs sealed by the crawl leave it


def write_evidence(
    folder: Path,
    result: ScanResult,
    har_dir: Path | None,
    rule_sets: Mapping[str, str],
    report: Mapping[str, object],
) -> tuple[Path, ...]:
    """Copy the sealed HARs, write the screenshots, then the manifest over the whole folder."""
    target = folder / EVIDENCE
    target.mkdir(exist_ok=True)
    written: list[Path] = []
    for har in sorted(har_dir.glob("*" + SEALED_SUFFIX)) if har_dir else ():
        if not har.name.endswith(RAW_SUFFIX):
            written.append(Path(shutil.copy2(har, target / har.name)))
    for state in result.states:
        shot = state.consent.screenshot
        if shot and is_png_base64(shot):
            path = target / f"{state.state.value}-banner.png"
            path.write_bytes(base64.b64decode(shot))
            written.append(path)
    written.append(write_manifest(folder, result, rule_sets, report))
    return tuple(written)
