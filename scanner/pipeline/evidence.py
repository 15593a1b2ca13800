"""--evidence for a scan: a private folder the crawl seals its HARs into, then the package."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path

from scanner.consent.autoconsent import VERSION as AUTOCONSENT_VERSION
from scanner.knowledge import load_knowledge
from scanner.model import ScanResult
from scanner.report.folder.evidence import write_evidence
from scanner.settings.config import ScanConfig


@contextmanager
def evidence_dir(config: ScanConfig) -> Iterator[ScanConfig]:
    """``config`` with a temporary HAR folder under --evidence (removed afterwards)."""
    if not config.evidence:
        yield config
        return
    folder = tempfile.mkdtemp(prefix="cookiescan-har-")  # 0700: raw logs stay private
    try:
        yield replace(config, browser=replace(config.browser, har_dir=folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def evidence_writer(
    config: ScanConfig, result: ScanResult
) -> Callable[[Path], Iterable[Path]] | None:
    """What writes the evidence package into a scan folder (None without --evidence)."""
    if not config.evidence:
        return None
    har_dir = Path(config.browser.har_dir) if config.browser.har_dir else None
    versions = rule_sets()
    return lambda folder: write_evidence(folder, result, har_dir, versions)


def rule_sets() -> dict[str, str]:
    """The versions of what judged the scan: knowledge sources, finding kinds, consent rules."""
    kinds = resources.files("scanner.data").joinpath("finding_kinds.yaml").read_bytes()
    return {
        **{f"knowledge.{k}": v for k, v in load_knowledge().versions().items()},
        "finding_kinds.sha256": hashlib.sha256(kinds).hexdigest(),
        "autoconsent": AUTOCONSENT_VERSION,
    }
