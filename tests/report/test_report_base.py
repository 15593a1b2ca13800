"""Tests for the output format registry, the Reporter protocol and atomic report writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from samples import SAMPLES, cookie, empty_scan, page, realistic_scan

import scanner.report.formats as registry
import scanner.report.text.atomic as report_base
from scanner.errors import CookiescanError
from scanner.model import ConsentEvidence, ConsentState, ScanResult, StateResult
from scanner.report import OutputFormat, Reporter, write_reports
from scanner.report.context import build_context


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_has_a_reporter_that_renders_every_sample(fmt: OutputFormat) -> None:
    reporter = fmt.reporter()
    assert isinstance(reporter, Reporter)
    for name, build in SAMPLES.items():
        if name == "huge":
            continue  # covered by the format's own tests; keeps this loop fast
        text = reporter.render(build_context(build()))
        assert isinstance(text, str) and text.strip(), (fmt, name)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_has_a_registry_entry(fmt: OutputFormat) -> None:
    assert fmt in registry._FORMATS
    assert fmt.file_name is None or fmt.file_name.startswith("report.")


def test_file_names_are_unique_and_json_is_report_json() -> None:
    names = [f.file_name for f in OutputFormat if f.file_name is not None]
    assert len(names) == len(set(names))
    assert OutputFormat.JSON.file_name == "report.json"
    assert OutputFormat.TERMINAL.file_name is None


def test_write_reports_writes_file_formats_once_and_skips_the_terminal(tmp_path: Path) -> None:
    out = tmp_path / "out" / "nested"
    formats = [OutputFormat.TERMINAL, OutputFormat.JSON, OutputFormat.JSON]
    written = write_reports(realistic_scan(), out, formats)
    assert written == [out / "report.json"]
    assert json.loads(written[0].read_text("utf-8"))["schema_version"] == "1.2"
    assert sorted(p.name for p in out.iterdir()) == ["report.json"]  # no temp files left


def test_write_reports_replaces_an_existing_report(tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text("old", "utf-8")
    write_reports(empty_scan(), tmp_path, [OutputFormat.JSON])
    assert json.loads((tmp_path / "report.json").read_text("utf-8"))["findings"] == []


def test_a_failing_write_keeps_the_old_report_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "report.json").write_text("old", "utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(report_base.os, "replace", broken_replace)
    with pytest.raises(CookiescanError, match=r"cannot write report .*Permission denied"):
        write_reports(empty_scan(), tmp_path, [OutputFormat.JSON])
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    assert (tmp_path / "report.json").read_text("utf-8") == "old"


def test_an_out_dir_that_is_a_file_is_a_cookiescan_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    with pytest.raises(CookiescanError, match="cannot create report directory"):
        write_reports(empty_scan(), blocker / "out", [OutputFormat.JSON])


def test_a_lone_surrogate_in_a_cookie_name_still_gives_valid_json(tmp_path: Path) -> None:
    name = "bad\udcffname"
    obs = page(ConsentState.NONE, cookies=(cookie(name),))
    state = StateResult(ConsentState.NONE, ConsentEvidence(ConsentState.NONE, False), (obs,))
    base = empty_scan()
    result = ScanResult(base.meta, base.declarations, (state,), ())
    (path,) = write_reports(result, tmp_path, [OutputFormat.JSON])
    data = json.loads(path.read_text("utf-8"))
    assert data["states"][0]["observations"][0]["cookies"][0]["name"] == name


def test_write_reports_with_every_format_writes_every_file_format(tmp_path: Path) -> None:
    written = write_reports(realistic_scan(), tmp_path, list(OutputFormat))
    expected = [tmp_path / f.file_name for f in OutputFormat if f.file_name is not None]
    assert written == expected
    assert all(p.stat().st_size > 0 for p in written)
