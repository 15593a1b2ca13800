"""A headed scan (--headed) runs on a virtual screen (Xvfb) and records what a headless one does."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.demo.server import LocalSite

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="no Xvfb (make display)"),
]
HOST = "www.nobanner.test"


def test_a_headed_scan_keeps_its_browser_and_records_the_pixel(
    nobanner_site: LocalSite, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    args = [
        "xvfb-run", "-a", sys.executable, "-m", "scanner", "scan", nobanner_site.url(HOST),
        "--headed", "--states", "none", "--ignore-https-errors", "--out", str(out),
        "--format", "json", "--declared", str(nobanner_site.root / "expected_cookies.yaml"),
        *[f"--resolve={rule}" for rule in nobanner_site.resolve_rules],
    ]  # fmt: skip
    run = subprocess.run(args, capture_output=True, text=True, timeout=240)
    assert run.returncode in (0, 1), run.stderr
    [report] = [p for p in out.glob("*/report.json") if p.parent.name != "latest"]
    data = json.loads(report.read_text("utf-8"))
    [state] = data["states"]
    cookies = {c["name"] for o in state["observations"] for c in o["cookies"]}
    assert "tp_id" in cookies
    assert data["meta"]["browser_profile"]["headless"] is False
