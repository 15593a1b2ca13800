"""The visitor probe's readings kept between runs: by browser binary, options and code, fresh
and complete only, never for a remote browser (probe_cache.py)."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from scanner.crawl.options import BrowserOptions
from scanner.crawl.visit import probe_cache
from scanner.crawl.visit.probe_cache import cache_key, keep, read_cached

READINGS = {
    "page": {"ua": "Mozilla/5.0 Chrome/156.0.0.0", "brands": ["Chromium 156"]},
    "iframe": {"ua": "Mozilla/5.0 Chrome/156.0.0.0"},
    "worker": {"ua": "Mozilla/5.0 Chrome/156.0.0.0"},
    "browser_ua": "Mozilla/5.0 HeadlessChrome/156.0.0.0",
}


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COOKIESCAN_CACHE_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def options(tmp_path: Path) -> BrowserOptions:
    binary = tmp_path / "chromium"
    binary.write_text("#!/bin/sh\n")
    return BrowserOptions(str(binary), user_agent="Mozilla/5.0", browser_version="156.0.1.2")


def test_every_option_that_shapes_the_visitor_is_in_the_key(options: BrowserOptions) -> None:
    key = cache_key(options)
    assert key is not None and key == cache_key(options)
    changed = (
        replace(options, user_agent="Other/1.0"),
        replace(options, locale="de-DE"),
        replace(options, viewport=(800, 600)),
        replace(options, headless=False),
        replace(options, extra_args=("--lang=de",)),
        replace(options, browser_version="157.0.0.0"),
    )
    keys = {cache_key(x) for x in changed}
    assert key not in keys and len(keys) == len(changed)
    # What only routes or records does not change what a page reads.
    same = replace(options, resolve=("*.test=127.0.0.1:1",), har_dir="/tmp/h", trace_dir="/t")
    assert cache_key(same) == key


def test_a_changed_binary_is_a_new_key(options: BrowserOptions) -> None:
    key = cache_key(options)
    Path(options.executable).write_text("#!/bin/sh\n# updated\n")
    assert cache_key(options) != key


def test_a_remote_or_missing_browser_is_never_cached(options: BrowserOptions) -> None:
    assert cache_key(replace(options, endpoint="ws://127.0.0.1:9222/x")) is None
    assert cache_key(replace(options, executable="/nowhere/chromium")) is None


def test_complete_readings_are_kept_and_read_back(cache_dir: Path) -> None:
    keep("k1", READINGS)
    assert read_cached("k1") == READINGS
    assert [p.name for p in (cache_dir / "probe").iterdir()] == ["k1.json"]  # no partial left


def test_a_place_that_did_not_answer_is_not_kept(cache_dir: Path) -> None:
    keep("k2", READINGS | {"worker": None})
    assert read_cached("k2") is None and not (cache_dir / "probe" / "k2.json").exists()


def test_old_or_broken_readings_are_not_used(cache_dir: Path) -> None:
    keep("old", READINGS)
    aged = time.time() - probe_cache.MAX_AGE_S - 60
    os.utime(cache_dir / "probe" / "old.json", (aged, aged))
    assert read_cached("old") is None
    (cache_dir / "probe" / "bad.json").write_text("{not json")
    assert read_cached("bad") is None
    (cache_dir / "probe" / "list.json").write_text("[1, 2]")
    assert read_cached("list") is None


def test_an_unwritable_cache_costs_nothing_but_the_keeping(cache_dir: Path) -> None:
    (cache_dir / "probe").write_text("a file where the folder should be")
    keep("k3", READINGS)  # no error
    assert read_cached("k3") is None
