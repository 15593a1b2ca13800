"""Tests for the knowledge cache: fake-fetch updates, offline runs, and the loader's choice."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import urllib.error
from pathlib import Path

import pytest

from scanner.knowledge import cache, load_knowledge
from scanner.knowledge.cache import (
    DEFAULT_SOURCES,
    MANIFEST,
    SUBDIR,
    Source,
    SourceKind,
    cache_root,
    read_cached,
    update,
)

REAL_FETCH = cache.urllib_fetch  # taken before the autouse no-network fixture patches it
FILTER = SourceKind.FILTER_LIST

PAGE = "https://shop.example/"
SMALL_OCD_CSV = (
    "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,"
    "Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n"
    "c-1,Google Analytics,Analytics,_gat_UA-[ID],,,1 minute,Google,,0\n"
    "c-2,Google Analytics,Analytics,_ga,,,2 years,Google,,0\n"
)


class FakeFetch:
    """Serves canned bodies by URL and records every call; unknown URLs fail like offline."""

    def __init__(self, bodies: dict[str, bytes]) -> None:
        self.bodies = bodies
        self.calls: list[tuple[str, float]] = []

    def __call__(self, url: str, timeout: float) -> bytes:
        self.calls.append((url, timeout))
        if url not in self.bodies:
            raise OSError(f"offline: cannot reach {url}")
        return self.bodies[url]


def online(mini_easyprivacy: str) -> FakeFetch:
    """A fake internet serving a tiny copy of every default source."""
    urls = {s.name: s.url for s in DEFAULT_SOURCES}
    return FakeFetch(
        {
            urls["easyprivacy"]: mini_easyprivacy.encode(),
            urls["easylist"]: b"[Adblock Plus 2.0]\n||ads.example^\n",
            urls["open-cookie-database"]: SMALL_OCD_CSV.encode(),
        }
    )


def test_cache_root_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOKIESCAN_CACHE_DIR", str(tmp_path / "env"))
    assert cache_root() == tmp_path / "env"
    assert cache_root(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.delenv("COOKIESCAN_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "cookiescan"


def test_empty_cache_uses_bundled_data(empty_cache: Path) -> None:
    kb = load_knowledge(empty_cache)
    versions = kb.versions()
    assert versions["cookies"].startswith("bundled: Open Cookie Database")
    assert versions["trackers"].startswith("bundled: cookiescan curated list")
    assert versions["easyprivacy"].startswith("not available")
    assert kb.cookie("_ga") is not None
    assert kb.filter_match("https://tracker.test/t.js", PAGE, "script") is None
    assert not empty_cache.exists()


def test_update_with_fake_fetch_fills_the_cache(empty_cache: Path, mini_easyprivacy: str) -> None:
    fetch = online(mini_easyprivacy)
    report = update(fetch=fetch, cache_dir=empty_cache, timeout=5.0)
    assert report.ok, report.lines()
    assert [r.name for r in report.results] == ["easyprivacy", "easylist", "open-cookie-database"]
    assert all(timeout == 5.0 for _, timeout in fetch.calls)
    manifest = json.loads((empty_cache / SUBDIR / MANIFEST).read_text())
    assert set(manifest) == {"easyprivacy", "easylist", "open-cookie-database"}
    kb = load_knowledge(empty_cache)
    versions = kb.versions()
    assert versions["cookies"].startswith("cache: Open Cookie Database fetched ")
    assert versions["cookies"].endswith(", 2 entries")
    assert versions["easyprivacy"].startswith("cache: fetched ")
    hit = kb.filter_match("https://tracker.test/t.js", PAGE, "script")
    assert hit is not None and hit.source == "easyprivacy: ||tracker.test^"
    ads = kb.filter_match("https://ads.example/banner.png", PAGE, "image")
    assert ads is not None and ads.list_name == "easylist"
    cookie = kb.cookie("_gat_UA-1")
    assert cookie is not None and cookie.pattern == "_gat_UA-"


def test_offline_update_reports_and_keeps_previous_copy(
    empty_cache: Path, mini_easyprivacy: str
) -> None:
    assert update(fetch=online(mini_easyprivacy), cache_dir=empty_cache).ok
    before = read_cached(DEFAULT_SOURCES[0], empty_cache)
    report = update(fetch=FakeFetch({}), cache_dir=empty_cache)
    assert not report.ok
    assert all(not r.ok and "offline" in r.detail for r in report.results)
    assert report.lines()[0].startswith("FAILED easyprivacy: OSError: offline")
    assert read_cached(DEFAULT_SOURCES[0], empty_cache) == before


def test_error_pages_are_refused(empty_cache: Path) -> None:
    html = b"<html><body>Rate limited</body></html>"
    fetch = FakeFetch({s.url: html for s in DEFAULT_SOURCES})
    report = update(fetch=fetch, cache_dir=empty_cache)
    assert [r.ok for r in report.results] == [False, False, False]
    assert "not a filter list" in report.results[0].detail
    assert "missing column" in report.results[2].detail
    assert load_knowledge(empty_cache).versions()["cookies"].startswith("bundled")


def test_unwritable_cache_does_not_raise(tmp_path: Path, mini_easyprivacy: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    report = update(fetch=online(mini_easyprivacy), cache_dir=blocker)
    assert not report.ok
    assert all(
        r.detail.startswith(("FileExistsError", "NotADirectoryError")) for r in report.results
    )


def test_corrupt_cached_cookie_db_falls_back_to_bundled(empty_cache: Path) -> None:
    folder = empty_cache / SUBDIR
    folder.mkdir(parents=True)
    (folder / "open-cookie-database.csv").write_text("garbage,only\n1,2\n")
    version = load_knowledge(empty_cache).versions()["cookies"]
    assert version.startswith("bundled: ") and "cached copy unusable" in version


def test_default_knowledge_is_loaded_once(empty_cache: Path) -> None:
    assert load_knowledge() is load_knowledge()
    assert load_knowledge(empty_cache) is not load_knowledge(empty_cache)


def test_default_fetch_failure_is_reported(
    empty_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(url: str, timeout: float) -> bytes:
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(cache, "urllib_fetch", unreachable)
    report = update(cache_dir=empty_cache)
    assert not report.ok
    assert report.results[0].detail == (
        "URLError: <urlopen error Temporary failure in name resolution>"
    )


def test_real_urllib_fetch_over_loopback(empty_cache: Path, mini_easyprivacy: str) -> None:
    body = mini_easyprivacy.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/easyprivacy.txt" else 404)
            self.end_headers()
            self.wfile.write(body if self.path == "/easyprivacy.txt" else b"nope")

        def log_message(self, format: str, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        sources = [
            Source("easyprivacy", f"{base}/easyprivacy.txt", "easyprivacy.txt", FILTER),
            Source("easylist", f"{base}/missing.txt", "easylist.txt", FILTER),
        ]
        report = update(sources, fetch=REAL_FETCH, cache_dir=empty_cache, timeout=5.0)
    finally:
        server.shutdown()
        server.server_close()
    assert [r.ok for r in report.results] == [True, False]
    assert report.results[1].detail.startswith("HTTPError: HTTP Error 404")
    cached = read_cached(sources[0], empty_cache)
    assert cached is not None and cached.text == mini_easyprivacy


def test_connection_refused_is_reported(empty_cache: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = Source("easyprivacy", f"http://127.0.0.1:{port}/x.txt", "easyprivacy.txt", FILTER)
    report = update([source], fetch=REAL_FETCH, cache_dir=empty_cache, timeout=2.0)
    assert not report.ok
    assert "Connection refused" in report.results[0].detail
