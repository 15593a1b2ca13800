"""Every finding a rule builds in these tests is checked for what reports in other languages
need: its English message states nothing its subject and evidence do not (those reports show
only them), and every evidence key has a label the catalogs translate."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from message_check import unbacked

import scanner.rules
from scanner.model import Finding
from scanner.model.findings import finding
from scanner.report.text.templating import EVIDENCE_LABELS


def _checked(*args: Any, **kwargs: Any) -> Finding:
    built = finding(*args, **kwargs)
    assert unbacked(built) == [], (built.kind, built.message, built.evidence)
    unlabelled = [k for k, _ in built.evidence if k not in EVIDENCE_LABELS and "." not in k]
    assert unlabelled == [], (built.kind, "add to EVIDENCE_LABELS", unlabelled)
    return built


@pytest.fixture(autouse=True)
def messages_backed_by_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Route every rule module's ``finding`` through the checks."""
    for info in pkgutil.iter_modules(scanner.rules.__path__, "scanner.rules."):
        module = importlib.import_module(info.name)
        if getattr(module, "finding", None) is finding:
            monkeypatch.setattr(module, "finding", _checked)
