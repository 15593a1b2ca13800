"""Tests for the reports folder: one folder per scan, latest/, and index.html."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from report_helpers import soup
from samples import HOSTILE_HTML, hostile_scan, realistic_scan

from scanner.model import ScanResult
from scanner.report import OutputFormat
from scanner.report.folder.history import folder_name, write_scan
from scanner.report.folder.scans import list_scans

FORMATS = (OutputFormat.JSON, OutputFormat.HTML, OutputFormat.MARKDOWN)


def _at(result: ScanResult, started: str) -> ScanResult:
    return replace(result, meta=replace(result.meta, started_at=started))


def test_folder_names_are_site_and_utc_time() -> None:
    assert folder_name(realistic_scan()) == "shop.example.test-20250115T100000Z"
    local = _at(realistic_scan(), "2025-01-15T12:00:00+02:00")
    assert folder_name(local) == "shop.example.test-20250115T100000Z"
    assert folder_name(_at(realistic_scan(), "garbage")).endswith("-unknown-time")
    assert folder_name(hostile_scan()) == "evil.test-20250115T100000Z"


def test_each_scan_gets_a_folder_latest_is_the_last_and_the_index_lists_all(
    tmp_path: Path,
) -> None:
    first = write_scan(realistic_scan(), tmp_path, FORMATS)
    second = write_scan(_at(realistic_scan(), "2025-02-01T08:00:00+00:00"), tmp_path, FORMATS)
    assert first.folder.name == "shop.example.test-20250115T100000Z"
    assert second.folder.name == "shop.example.test-20250201T080000Z"
    assert sorted(p.name for p in first.folder.iterdir()) == [
        "report.html",
        "report.json",
        "report.md",
    ]
    latest = tmp_path / "latest"
    assert (latest / "report.json").read_bytes() == (second.folder / "report.json").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".cookiescan.lock",
        "index.html",
        "latest",
        first.folder.name,
        second.folder.name,
    ]
    page = soup((tmp_path / "index.html").read_text("utf-8"))
    links = [a["href"] for a in page.select("#scans-table tbody tr td:first-child a")]
    assert links == [f"{second.folder.name}/report.html", f"{first.folder.name}/report.html"]
    assert page.find(id="latest")["href"] == "latest/report.html"
    heads = [th.get_text() for th in page.select("#scans-table thead th")]
    assert heads[3:7] == ["high", "medium", "low", "info"]  # most severe first


def test_two_scans_in_the_same_second_do_not_collide(tmp_path: Path) -> None:
    a = write_scan(realistic_scan(), tmp_path, FORMATS)
    b = write_scan(realistic_scan(), tmp_path, FORMATS)
    assert b.folder.name == a.folder.name + "-2"
    assert len(list_scans(tmp_path)) == 2


def test_the_index_skips_broken_folders_and_escapes_site_text(tmp_path: Path) -> None:
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "report.json").write_text("{not json", "utf-8")
    write_scan(hostile_scan(), tmp_path, FORMATS)
    html = (tmp_path / "index.html").read_text("utf-8")
    assert [e.folder for e in list_scans(tmp_path)] == ["evil.test-20250115T100000Z"]
    assert soup(html).find("img") is None and HOSTILE_HTML not in html
