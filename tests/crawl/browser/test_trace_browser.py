"""A Playwright trace per consent state when a trace folder is set (kept for failed tests)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sitescan import scan_site

from scanner.crawl.browser.trace import TRACE_ENV
from scanner.demo.server import LocalSite
from scanner.model import ConsentState

pytestmark = pytest.mark.browser


def test_a_trace_with_screenshots_is_saved_per_state(
    nobanner_site: LocalSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TRACE_ENV, str(tmp_path))
    scan_site(nobanner_site, "www.nobanner.test", (ConsentState.NONE,), max_pages=1)
    trace = tmp_path / "none.zip"
    with zipfile.ZipFile(trace) as archive:
        names = archive.namelist()
    assert any(n.endswith(".trace") for n in names)
    assert any(n.endswith((".jpeg", ".png")) for n in names)
