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

from scanner.consent.autoconsent import find_autoconsent, load_bundle
from scanner.i18n import DEFAULT_LANGUAGE, catalog_path
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
    versions, report = rule_sets(), report_settings(config)
    return lambda folder: write_evidence(folder, result, har_dir, versions, report)


# The data files that decide what a scan does and finds: finding kinds and severities, the
# scanner's own consent-manager rules and words, the banner design thresholds.
RULE_FILES = ("finding_kinds.yaml", "cmp_rules.yaml", "consent_words.yaml", "banner_design.yaml")


def rule_sets() -> dict[str, str]:
    """The versions of what judged the scan: knowledge sources, the rule data files (SHA-256),
    the autoconsent rule set the scan found."""
    data = resources.files("scanner.data")
    return {
        **{f"knowledge.{k}": v for k, v in load_knowledge().versions().items()},
        **{
            f"{name.removesuffix('.yaml')}.sha256": _sha256(data.joinpath(name).read_bytes())
            for name in RULE_FILES
        },
        "autoconsent": _autoconsent(),
    }


def _autoconsent() -> str:
    """The version of the autoconsent bundle a scan uses (as ``setup`` and the engine find it)."""
    path = find_autoconsent()
    if path is None:
        return "none (not installed, or turned off)"
    return load_bundle(path).version or "unknown version"


def report_settings(config: ScanConfig) -> dict[str, object]:
    """What shaped the reports besides the scan: the verdict's threshold and the report
    language with the SHA-256 of its catalog (and of English beneath it)."""
    languages = dict.fromkeys((config.report_language, DEFAULT_LANGUAGE))
    return {
        "fail_on": str(config.fail_on) if config.fail_on else "never",
        "language": config.report_language,
        "catalogs": {f"{lang}.po": _sha256(catalog_path(lang).read_bytes()) for lang in languages},
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
