"""The browser profile and the tells left, probed in the real Chromium: in a scan's report.json
and in `cookiescan browser`; the probe records nothing and reaches no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from remote_chromium import remote_chromium
from sitescan import scan_site

from scanner.crawl.visit import profile_probe
from scanner.demo.server import LocalSite
from scanner.model import ConsentState
from scanner.report.formats import json_report
from scanner.report.schema import load_schema

pytestmark = pytest.mark.browser
HOST = "www.nobanner.test"
# Closed by the scanner's set-up (identity.py, launch.py): a probe that reports them is wrong.
CLOSED = ("navigator.webdriver", "ua.headless", "uadata.headless-brand", "worker.differs")


def test_a_scan_s_report_json_says_the_profile_and_the_tells_left(
    nobanner_site: LocalSite,
) -> None:
    result = scan_site(nobanner_site, HOST, (ConsentState.NONE,), max_pages=1)
    report = json.loads(json_report.render(result))
    jsonschema.validate(report, load_schema())
    profile, tells = report["meta"]["browser_profile"], report["meta"]["remaining_tells"]
    assert profile["error"] is None, profile["error"]
    assert (profile["where"], profile["headless"], profile["viewport"]) == (
        "local", True, "1366x768"
    )  # fmt: skip
    assert "Chrome/" in profile["user_agent"] and "Headless" not in profile["user_agent"]
    assert any(b.startswith("Chromium ") for b in profile["brands"])
    assert not any("Headless" in b for b in profile["brands"])
    assert profile["languages"] == ["en-US"] and profile["platform"] == "Linux"
    ids = [t["id"] for t in tells]
    # This machine has no GPU and runs headless: WebGL renders in software.
    assert "webgl.software" in ids, tells
    assert not set(ids) & set(CLOSED), tells
    recorded = {r.host for s in result.states for r in s.requests()}
    assert not any(h.endswith(".invalid") for h in recorded), recorded
    assert not any(".invalid" in r.path for r in nobanner_site.requests)


def test_a_remote_browser_is_probed_where_the_states_run(nobanner_site: LocalSite) -> None:
    with remote_chromium(nobanner_site) as endpoint:
        result = scan_site(nobanner_site, HOST, (ConsentState.NONE,), endpoint=endpoint,
                           max_pages=1)  # fmt: skip
    profile, tells = result.meta.browser_profile, result.meta.remaining_tells
    assert profile is not None and profile.error is None, profile
    assert profile.where.startswith("remote ws://127.0.0.1:") and profile.headless is True
    assert "Headless" not in profile.user_agent
    ids = [t.id for t in tells]
    assert "webgl.software" in ids and not set(ids) & set(CLOSED), tells
    assert result.states[0].observations[0].error is None


def test_cookiescan_browser_prints_the_same_check() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scanner", "browser"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    profile = next(x for x in lines if x.startswith("profile: "))
    assert profile.endswith("; headless; local") and "Headless" not in profile, profile
    assert "brands " in profile and "viewport 1366x768" in profile
    tells = [x.strip().split(":")[0] for x in lines[lines.index(profile) + 2 :]]
    assert "webgl.software" in tells and not set(tells) & set(CLOSED), done.stdout


def test_a_second_scan_uses_the_kept_reading_and_cookiescan_browser_reads_afresh(
    nobanner_site: LocalSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOKIESCAN_CACHE_DIR", str(tmp_path))
    first = scan_site(nobanner_site, HOST, (ConsentState.NONE,), max_pages=1)
    (kept,) = (tmp_path / "probe").glob("*.json")

    async def probed_again(*_args: object) -> None:
        raise AssertionError("the probe ran again")

    monkeypatch.setattr(profile_probe, "_read", probed_again)
    second = scan_site(nobanner_site, HOST, (ConsentState.NONE,), max_pages=1)
    assert second.meta.browser_profile == first.meta.browser_profile
    assert second.meta.remaining_tells == first.meta.remaining_tells
    # `cookiescan browser` checks the browser as it is now: a kept reading is not trusted.
    readings = json.loads(kept.read_text("utf-8"))
    readings["page"]["brands"] = ["Tampered 1"]
    kept.write_text(json.dumps(readings), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "scanner", "browser"], capture_output=True, text=True,
        timeout=180, check=False, env=os.environ | {"COOKIESCAN_CACHE_DIR": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Tampered" not in done.stdout and "brands " in done.stdout
    assert "Tampered" not in kept.read_text("utf-8")  # and the kept reading is renewed
