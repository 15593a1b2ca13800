"""The evidence package and the fix list on the demo, through the CLI, in the real Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.report.context.fixes import Culprit, fix_list
from scanner.report.formats.json_report import load_report

pytestmark = pytest.mark.browser

PLANTED = {
    "planted_first": ("www.demo-shop.test", "PLANTEDFIRSTVALUE4242"),
    "planted_third": ("metrics.tracklytics.test", "PLANTEDTHIRDVALUE4242"),
}
TOKEN = "PLANTEDBEARERTOKEN4242"


def _storage_state(path: Path) -> Path:
    cookies = [
        {"name": name, "value": value, "domain": domain, "path": "/", "expires": -1,
         "httpOnly": False, "secure": True, "sameSite": "None"}
        for name, (domain, value) in PLANTED.items()
    ]  # fmt: skip
    path.write_text(json.dumps({"cookies": cookies, "origins": []}), "utf-8")
    return path


@pytest.fixture(scope="module")
def evidence_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`cookiescan demo --evidence` with planted cookies and an Authorization header."""
    out = tmp_path_factory.mktemp("evidence")
    state = _storage_state(out / "state.json")
    argv = ["demo", "--out", str(out / "reports"), "--evidence", "--format", "json"]
    argv += ["--storage-state", str(state), "--header", f"Authorization: Bearer {TOKEN}"]
    assert main([*argv, "--states", "none,accept,reject"]) == 0
    yield out / "reports" / "latest"


def test_the_hars_hold_no_planted_cookie_value_and_no_credential(evidence_run: Path) -> None:
    hars = sorted((evidence_run / "evidence").glob("*.har"))
    assert [h.name for h in hars] == ["accept.har", "none.har", "reject.har"]
    for path in evidence_run.rglob("*"):
        if path.is_file() and path.suffix in (".har", ".json"):
            text = path.read_text("utf-8")
            for secret in (TOKEN, *(value for _, value in PLANTED.values())):
                assert secret not in text, f"{secret} in {path.name}"
    report = load_report(str(evidence_run / "report.json"))
    digests = {
        c.value_digest
        for s in report.states
        for o in s.observations
        for c in o.cookies
        if c.name in PLANTED
    }
    har = "".join(h.read_text("utf-8") for h in hars)
    assert digests and all(f"digest:{d}" in har for d in digests)  # the report's own digests
    entries = json.loads(hars[1].read_text("utf-8"))["log"]["entries"]
    assert any("demo-shop.test" in e["request"]["url"] for e in entries)


def test_verify_evidence_passes_then_detects_a_changed_byte(evidence_run: Path) -> None:
    assert main(["verify-evidence", str(evidence_run)]) == 0
    har = evidence_run / "evidence" / "reject.har"
    data = bytearray(har.read_bytes())
    data[len(data) // 2] ^= 1
    har.write_bytes(bytes(data))
    assert main(["verify-evidence", str(evidence_run)]) == 1


def test_the_fix_list_names_each_tag_once_with_all_its_findings(evidence_run: Path) -> None:
    report = load_report(str(evidence_run / "report.json"))
    groups = fix_list(report)
    names = [(g.culprit, g.name) for g in groups]
    assert len(names) == len(set(names))
    assert sum(len(g.findings) for g in groups) == len(report.findings)
    tags = {g.name: g for g in groups if g.culprit is Culprit.SCRIPT}
    tl = tags["https://metrics.tracklytics.test/tl.js"]
    tracklytics = [
        f for f in report.findings if "tracklytics" in f.subject or "_tl_id" in f.subject
    ]
    assert set(tl.findings) == set(tracklytics)
    assert {"cookie_before_consent", "tracker_request_before_consent"} <= set(tl.kinds)
    assert "category analytics" in tl.gate()
    assert "https://tag.retargetly.test/tag.js" in tags
