"""Tests for comparing scans (new / unchanged / resolved), the verdict, and `cookiescan diff`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_helpers import baseline_scan
from samples import empty_scan, realistic_scan

from scanner.cli import main
from scanner.model import Severity
from scanner.report.context.comparison import Status, compare, comparison_dict
from scanner.report.context.verdict import decide
from scanner.report.formats.json_report import render


def test_findings_are_new_unchanged_or_resolved() -> None:
    comparison = compare(baseline_scan(), realistic_scan())
    assert [f.subject for f in comparison.with_status(Status.UNCHANGED)] == ["IDE"]
    assert [f.subject for f in comparison.with_status(Status.RESOLVED)] == ["old_tracker"]
    assert len(comparison.with_status(Status.NEW)) == len(realistic_scan().findings) - 1


def test_cookies_and_third_parties_appear_and_disappear() -> None:
    comparison = compare(baseline_scan(), realistic_scan())
    assert [c.subject for c in comparison.cookies_disappeared] == ["old_tracker @ gone.test"]
    appeared = {c.subject: [str(s) for s in c.states] for c in comparison.cookies_appeared}
    assert appeared["_ga @ example.test"] == ["accept"]
    assert "session @ shop.example.test" not in appeared
    assert [d.subject for d in comparison.third_parties_appeared] == [
        "doubleclick.net",
        "facebook.net",
        "google-analytics.com",
    ]
    assert comparison.third_parties_disappeared == ()


def test_comparing_a_scan_with_itself_changes_nothing() -> None:
    comparison = compare(realistic_scan(), realistic_scan())
    assert comparison.counts() == {
        "new": 0,
        "unchanged": len(realistic_scan().findings),
        "resolved": 0,
        "cookies_appeared": 0,
        "cookies_disappeared": 0,
        "third_parties_appeared": 0,
        "third_parties_disappeared": 0,
    }


def test_the_verdict_with_only_new_findings() -> None:
    result, baseline = realistic_scan(), baseline_scan()
    same = compare(result, result)
    assert decide(result, Severity.MEDIUM).failed
    assert not decide(result, Severity.MEDIUM, same, only_new=True).failed
    assert decide(result, Severity.MEDIUM, compare(baseline, result), only_new=True).failed
    assert not decide(result, None).failed and not decide(empty_scan()).failed
    assert decide(result, Severity.MEDIUM, same, only_new=True).policy == (
        "fail on new findings at or above medium"
    )


def test_comparison_dict_is_json() -> None:
    data = comparison_dict(compare(baseline_scan(), realistic_scan()))
    assert json.loads(json.dumps(data))["counts"]["resolved"] == 1
    assert data["cookies"]["disappeared"] == [
        {"subject": "old_tracker @ gone.test", "states": ["none"]}
    ]


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "report.json").write_text(render(baseline_scan()), "utf-8")
    (new / "report.json").write_text(render(realistic_scan()), "utf-8")
    return old, new


def test_the_diff_command_prints_and_exits_by_policy(
    reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = reports
    assert main(["diff", str(old / "report.json"), str(new)]) == 1
    out = capsys.readouterr().out
    assert "Compared with baseline: 10 new · 1 unchanged · 1 resolved" in out
    assert "Cookies disappeared: old_tracker @ gone.test" in out
    assert main(["diff", str(new), str(new), "--fail-on-new"]) == 0
    assert main(["diff", str(old), str(new), "--fail-on", "never"]) == 0


def test_the_diff_command_prints_markdown_and_json(
    reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = reports
    main(["diff", str(old), str(new), "--format", "markdown"])
    assert "### Compared with the baseline" in capsys.readouterr().out
    main(["diff", str(old), str(new), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["counts"]["new"] == 10


def test_the_diff_command_writes_reports_with_the_comparison(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = reports
    out = tmp_path / "out"
    main(["diff", str(old), str(new), "--out", str(out), "--format", "html", "--format", "sarif"])
    assert sorted(p.name for p in out.iterdir()) == [
        "comparison.json",
        "report.html",
        "report.sarif",
    ]
    assert "resolved-findings" in (out / "report.html").read_text("utf-8")


def test_the_diff_command_names_a_missing_report(tmp_path: Path) -> None:
    assert main(["diff", str(tmp_path / "nope.json"), str(tmp_path)]) == 2
