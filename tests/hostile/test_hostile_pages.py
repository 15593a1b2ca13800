"""One scan over every hostile page: it ends in bounded time, with exit 0 by policy, a
schema-valid report, nothing left behind, no cookie value and no live markup in any output.

Bounded time is not a timing test: with ``--timeout 5`` every page has a hard deadline, and the
whole scan must simply finish within pytest-timeout (a hung page would hang it forever).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from scan_run import ScanRun, finish, leftovers, private_tmpdir, scan_args, start_scan

from scanner.demo.server import LocalSite
from scanner.report.schema import load_schema

HOST = "www.hostile.test"
MAX_PAGES = 30
SECRET = "COOKIEVALUE_SECRET"
# Raw markup the pages put in titles, cookie names, storage keys and link host names.
LIVE_MARKUP = ('"><img src', "<img src=x", "<script>alert(", "\x1b")
ESCAPED_FORMATS = ("report.html", "report.md", "report.junit.xml")
pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]


@pytest.fixture(scope="module")
def hostile_run(
    hostile_site: LocalSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ScanRun]:
    """Scan every hostile page once (state none: the consent state does not matter here)."""
    out = tmp_path_factory.mktemp("hostile") / "reports"
    # One page at a time: a tab stuck in a loop shares its renderer process with other tabs
    # of the site, so closing it fails those too (as "crashed"), and storage written by one
    # page could be read first on another.
    extra = ("--states", "none", "--timeout", "5", "--settle", "0.5", "--concurrency", "1",
             "--max-pages", str(MAX_PAGES), "--exclude", "*/huge/*", "--fail-on", "never",
             "--format", "terminal", "--format", "json", "--format", "html",
             "--format", "markdown", "--format", "sarif", "--format", "junit")  # fmt: skip
    with private_tmpdir() as tmpdir:
        proc = start_scan(scan_args(hostile_site, HOST, out, *extra), tmpdir)
        run = finish(proc, out, tmpdir, timeout=400)
        yield ScanRun(run.returncode, run.stdout, run.stderr, out, tmpdir)


def _report(run: ScanRun) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((run.out / "latest" / "report.json").read_text("utf-8"))
    return data


def _pages(run: ScanRun) -> dict[str, dict[str, Any]]:
    return {o["url"]: o for s in _report(run)["states"] for o in s["observations"]}


def _page(run: ScanRun, path: str) -> dict[str, Any]:
    return _pages(run)[f"https://{HOST}{path}"]


def test_the_scan_ends_by_policy_with_a_schema_valid_report(hostile_run: ScanRun) -> None:
    assert hostile_run.returncode == 0, hostile_run.stderr[-2000:]
    jsonschema.Draft202012Validator(load_schema()).validate(_report(hostile_run))
    assert _report(hostile_run)["meta"]["error"] is None


def test_nothing_is_left_behind(hostile_run: ScanRun) -> None:
    assert leftovers(hostile_run.tmpdir) == []


@pytest.mark.parametrize(
    "path",
    ["/alert-storm.html", "/alert-loop.html", "/popups.html", "/never-idle.html",
     "/deep.html?depth=0", "/cookies.html", "/storage.html", "/inject.html", "/malformed.html",
     "/ok-after-malformed.html", "/huge.html", "/header-cookies", "/socket-flood.html",
     "/body-bomb.html", "/event-stream.html"],
)  # fmt: skip
def test_dialogs_popups_floods_and_bombs_do_not_stop_a_page(
    hostile_run: ScanRun, path: str
) -> None:
    page = _page(hostile_run, path)
    assert page["error"] is None, page["error"]
    assert page["duration"] < 60


def test_a_page_that_never_yields_is_closed_at_its_deadline(hostile_run: ScanRun) -> None:
    page = _page(hostile_run, "/busy.html")
    assert page["failure"] == "timeout"
    assert "deadline" in page["error"]


def test_the_crawler_trap_is_bounded_by_max_pages(hostile_run: ScanRun) -> None:
    pages = _pages(hostile_run)
    assert len(pages) <= MAX_PAGES
    assert any("/calendar.html?month=" in url for url in pages)


def test_malformed_links_are_skipped_with_a_reason(hostile_run: ScanRun) -> None:
    skipped = {s["url"]: s["reason"] for s in _page(hostile_run, "/malformed.html")["skipped"]}
    assert skipped["http://www.hostile.test:99999/x"] == "port out of range 1-65535"
    assert skipped["http://www.hostile.test:abc/x"] == "port is not a number"
    assert skipped["http://[::1/x"] == "invalid IPv6 address"
    assert skipped["http://:80/"] == "no host name"
    injected = _page(hostile_run, "/inject.html")["skipped"]
    assert [s["reason"] for s in injected] == ["invalid host name", "invalid host name"]


def test_redirects_to_malformed_urls_are_failed_pages(hostile_run: ScanRun) -> None:
    for path in ("/redirect-bad-port", "/redirect-bad-ipv6"):
        assert _page(hostile_run, path)["failure"] == "navigation"


def test_bombs_are_recorded_within_limits(hostile_run: ScanRun) -> None:
    cookies = _page(hostile_run, "/cookies.html")["cookies"]
    assert 100 <= len(cookies) <= 400
    storage = _page(hostile_run, "/storage.html")["storage"]
    assert 1000 <= len(storage) <= 2000  # at most 1000 keys per storage area are read
    deep = _page(hostile_run, "/deep.html?depth=0")["storage"]
    assert len(deep) >= 5


def test_an_endless_websocket_stream_is_counted_not_kept(hostile_run: ScanRun) -> None:
    page = _page(hostile_run, "/socket-flood.html")
    assert page["collector_failures"] == []
    (flood,) = [r for r in page["requests"] if r["url"] == "wss://www.hostile.test/flood"]
    assert flood["resource_type"] == "websocket" and flood["frames_sent"] > 20
    assert flood["bytes_sent"] > 20 * 65536
    churn = [r for r in page["requests"] if r["url"] == "wss://www.hostile.test/churn"]
    assert churn and all(r["frames_sent"] <= 1 for r in churn)


def test_compressed_body_bombs_are_read_within_bounds(hostile_run: ScanRun) -> None:
    page = _page(hostile_run, "/body-bomb.html")
    assert page["collector_failures"] == []
    posts = [r for r in page["requests"] if r["method"] == "POST"]
    assert len(posts) >= 6
    wide = [r for r in posts if r["body_decoded_keys"]]  # the 100 000 keys, gzip-compressed
    assert wide and all(len(r["body_decoded_keys"]) <= 64 for r in wide)
    assert wide[0]["body_how"] == "gzip-compressed"


def test_endless_event_streams_are_recorded_not_waited_for(hostile_run: ScanRun) -> None:
    page = _page(hostile_run, "/event-stream.html")
    assert page["collector_failures"] == [] and page["failure"] is None
    floods = [r for r in page["requests"] if "/stream-flood.txt?n=" in r["url"]]
    assert len(floods) == 3
    assert all((r["resource_type"], r["status"]) == ("eventsource", 200) for r in floods)
    churn = [r for r in page["requests"] if r["url"].endswith("/stream-churn")]
    assert churn and all(r["resource_type"] == "eventsource" for r in churn)


def test_no_cookie_value_in_any_output(hostile_run: ScanRun) -> None:
    texts = [hostile_run.stdout, hostile_run.stderr]
    texts += [p.read_text("utf-8") for p in (hostile_run.out / "latest").iterdir()]
    texts.append((hostile_run.out / "index.html").read_text("utf-8"))
    assert not [t[t.index(SECRET) - 80 :][:160] for t in texts if SECRET in t]


def test_site_markup_reaches_no_output_alive(hostile_run: ScanRun) -> None:
    """HTML payloads stay text in HTML, Markdown and XML; escape sequences never reach the
    terminal raw (there, ``<script>`` is just text)."""
    names = {c["name"] for c in _page(hostile_run, "/inject.html")["cookies"]}
    assert {'"><img src', "<script>alert(3)</script>"} <= names  # the payloads reached the data
    latest = hostile_run.out / "latest"
    outputs = {name: (latest / name).read_text("utf-8") for name in ESCAPED_FORMATS}
    outputs["index.html"] = (hostile_run.out / "index.html").read_text("utf-8")
    alive = [(name, m) for name, text in outputs.items() for m in LIVE_MARKUP if m in text]
    assert alive == []
    assert "\x1b" not in hostile_run.stdout + hostile_run.stderr
    for name in ("report.json", "report.sarif"):
        json.loads((latest / name).read_text("utf-8"))
