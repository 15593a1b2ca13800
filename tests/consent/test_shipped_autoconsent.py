"""The autoconsent copy shipped inside cookiescan is whole in a checkout (its dist/ included)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.consent import autoconsent
from scanner.consent.autoconsent import RULES, SCRIPT, SHIPPED, find_autoconsent, load_bundle


def test_the_shipped_copy_has_its_script_rules_and_version() -> None:
    assert (SHIPPED / SCRIPT).is_file(), "dist/ of the shipped autoconsent is missing (ignored?)"
    assert (SHIPPED / RULES).is_file()
    version = json.loads((SHIPPED / "package.json").read_text("utf-8"))["version"]
    bundle = load_bundle(SHIPPED)
    assert (bundle.version, bundle.source) == (version, "shipped")
    assert len(bundle.rules) > 100 and "autoconsent" in bundle.script.lower()


def test_with_nothing_installed_a_scan_finds_the_shipped_copy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    nowhere = tmp_path / "not-installed"  # no npm copy in the repo, the folder or the cache
    monkeypatch.setattr(autoconsent, "_candidates", lambda: [nowhere])
    monkeypatch.delenv("COOKIESCAN_AUTOCONSENT", raising=False)
    assert find_autoconsent() == SHIPPED
    monkeypatch.setenv("COOKIESCAN_AUTOCONSENT", "off")
    assert find_autoconsent() is None
