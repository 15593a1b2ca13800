"""Tests for how `scan` writes its reports: per-scan folder, latest/, baseline, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_helpers import baseline_scan
from rich.console import Console
from samples import realistic_scan

from scanner.cli import main
from scanner.errors import ExitCode
from scanner.model import ScanResult, Severity
from scanner.pipeline import execute as execute_module
from scanner.report import OutputFormat
from scanner.report.context import ReportOptions
from scanner.settings import flags
from scanner.settings.config import ScanConfig


@pytest.fixture
def fake_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """`execute` without a browser: the scan returns the realistic sample."""

    async def run_scan(config: ScanConfig, progress: object) -> ScanResult:
        return realistic_scan()

    monkeypatch.setattr(execute_module, "run_scan", run_scan)


def _execute(
    tmp_path: Path,
    fail_on: Severity | None,
    options: ReportOptions | None,
    evidence: bool = False,
    language: str = "en",
) -> int:
    config = ScanConfig(
        targets=("https://shop.example.test/",),
        declarations=realistic_scan().declarations,
        out_dir=tmp_path,
        fail_on=fail_on,
        evidence=evidence,
        report_language=language,
    )
    console = Console(file=open(tmp_path.parent / "console.txt", "w"), width=200)  # noqa: SIM115
    formats = (*flags.DEFAULT_FORMATS, OutputFormat.SARIF)
    code = execute_module.execute(config, formats, console, options)
    console.file.close()
    return code


@pytest.mark.usefixtures("fake_scan")
def test_execute_writes_a_folder_latest_and_index(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert _execute(out, Severity.MEDIUM, None) == ExitCode.FINDINGS
    folder = out / "shop.example.test-20250115T100000Z"
    assert sorted(p.name for p in folder.iterdir()) == [
        "report.html",
        "report.json",
        "report.md",
        "report.sarif",
    ]
    assert (out / "latest" / "report.json").is_file() and (out / "index.html").is_file()
    printed = (tmp_path / "console.txt").read_text("utf-8")
    assert f"report: {folder / 'report.json'}" in printed


@pytest.mark.usefixtures("fake_scan")
def test_execute_with_a_baseline_compares_and_fails_only_on_new(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    same = ReportOptions(baseline=realistic_scan(), fail_on_new=True)
    assert _execute(out, Severity.MEDIUM, same) == ExitCode.CLEAN
    folder = next(p for p in out.iterdir() if p.name.startswith("shop"))
    comparison = json.loads((folder / "comparison.json").read_text("utf-8"))
    assert comparison["counts"]["new"] == 0
    older = ReportOptions(baseline=baseline_scan(), fail_on_new=True)
    assert _execute(out, Severity.MEDIUM, older) == ExitCode.FINDINGS
    assert "Compared with baseline: 10 new" in (tmp_path / "console.txt").read_text("utf-8")


@pytest.mark.usefixtures("fake_scan")
def test_the_report_verdict_follows_fail_on(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert _execute(out, None, None) == ExitCode.CLEAN
    html = (out / "latest" / "report.html").read_text("utf-8")
    assert 'data-verdict="pass"' in html and "never fail on findings" in html


@pytest.mark.usefixtures("fake_scan")
def test_the_evidence_manifest_covers_the_comparison_and_latest_has_both(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    options = ReportOptions(baseline=baseline_scan())
    assert (
        _execute(out, Severity.MEDIUM, options, evidence=True, language="nl") == ExitCode.FINDINGS
    )
    folder = next(p for p in out.iterdir() if p.name.startswith("shop"))
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert "comparison.json" in manifest["files"] and manifest["report"]["language"] == "nl"
    assert main(["verify-evidence", str(folder)]) == 0
    assert (out / "latest" / "comparison.json").is_file()
    assert main(["verify-evidence", str(out / "latest")]) == 0
    assert '<html lang="nl">' in (out / "index.html").read_text("utf-8")
