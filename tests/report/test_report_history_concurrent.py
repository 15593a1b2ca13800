"""Concurrent scans into one --out: both reports land, latest/ and index.html stay valid."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest
from history_writers import ROUNDS, write_one, write_rounds

from scanner.errors import ConfigError
from scanner.report.folder.history import ensure_writable, list_scans
from scanner.report.folder.lock import folder_lock


def test_two_processes_writing_into_one_folder_both_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    writers = [ctx.Process(target=write_rounds, args=(str(tmp_path), n, start)) for n in ("a", "b")]
    for proc in writers:
        proc.start()
    start.set()
    for proc in writers:
        proc.join(120)
    assert [proc.exitcode for proc in writers] == [0, 0]
    assert len(list_scans(tmp_path)) == 2 * ROUNDS
    latest = json.loads((tmp_path / "latest" / "report.json").read_text("utf-8"))
    assert latest["meta"]["targets"][0] in ("https://a.test/", "https://b.test/")
    index = (tmp_path / "index.html").read_text("utf-8")
    assert index.rstrip().endswith("</html>")
    assert all(scan.folder in index for scan in list_scans(tmp_path))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".latest-", ".index"))]


def test_an_existing_file_or_an_unwritable_place_is_refused_before_scanning(
    tmp_path: Path,
) -> None:
    existing = tmp_path / "report.txt"
    existing.write_text("not a folder")
    with pytest.raises(ConfigError, match="exists and is not a folder"):
        ensure_writable(existing)
    with pytest.raises(ConfigError, match="cannot write reports into"):
        ensure_writable(Path("/proc/cookiescan-reports"))
    ensure_writable(tmp_path / "new" / "reports")
    assert list((tmp_path / "new" / "reports").iterdir()) == []


def test_latest_and_index_wait_for_the_lock(tmp_path: Path) -> None:
    """While another scan holds the folder's lock, a scan writes its own folder but waits
    before touching latest/ and index.html."""
    ctx = multiprocessing.get_context("spawn")
    with folder_lock(tmp_path):
        writer = ctx.Process(target=write_one, args=(str(tmp_path),))
        writer.start()
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob("*/report.html")) and time.monotonic() < deadline:
            writer.join(0.05)  # wait for its report folder, not a fixed time
        assert list(tmp_path.glob("*/report.html")), "the writer never wrote its report"
        writer.join(0.5)
        assert writer.is_alive(), "the writer finished without waiting for the lock"
        assert not (tmp_path / "index.html").exists()
        assert not (tmp_path / "latest").exists()
    writer.join(60)
    assert writer.exitcode == 0
    assert (tmp_path / "index.html").is_file() and (tmp_path / "latest" / "report.json").is_file()
