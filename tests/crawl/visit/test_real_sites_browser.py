"""What real sites do: a start URL redirecting to another domain, workers, an ad iframe in its
own process, a leave beacon from the real Mixpanel library, and a cookie kept after "reject"."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import (
    DEFAULT_STATES,
    ConsentState,
    Party,
    RequestRecord,
    ScanResult,
    StateResult,
)
from scanner.policy.from_scan import draft_cookies
from scanner.report.context import ReportOptions, build_context
from scanner.report.formats.html import render_html
from scanner.report.formats.terminal import TerminalReporter

pytestmark = pytest.mark.browser
TESTS = Path(__file__).parents[2]
MIXPANEL = TESTS / "cmp-packages" / "node_modules" / "mixpanel-browser"
SHOP = "https://www.brandshop.test"


@pytest.fixture(scope="module")
def brand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScanResult]:
    if not (MIXPANEL / "package.json").is_file():
        pytest.skip("npm package mixpanel-browser not installed: run 'make cmp-fixtures'")
    root = tmp_path_factory.mktemp("realsites")
    shutil.copytree(TESTS / "sites" / "realsites", root, dirs_exist_ok=True)
    shutil.copytree(MIXPANEL, root / "static.brandcdn.test" / "mixpanel-browser")
    with LocalSite(root) as site:
        yield scan_site(site, "brand.test", depth=1)


def _state(result: ScanResult, which: ConsentState) -> StateResult:
    return next(s for s in result.states if s.state is which)


def _requests(result: ScanResult, host: str) -> list[RequestRecord]:
    return [r for s in result.states for r in s.requests() if r.host == host]


def _kinds(result: ScanResult) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f in result.findings:
        found.setdefault(f.kind, set()).add(f.subject)
    return found


def test_the_landed_site_and_declared_domains_are_first_party(brand: ScanResult) -> None:
    reasons = {e.domain: e.reason for e in brand.meta.first_party}
    assert reasons["brandshop.test"] == "landed"
    assert reasons["brand.test"] == "start_url"
    assert reasons["brandcdn.test"].startswith("first_party: in ")
    shop = _requests(brand, "www.brandshop.test") + _requests(brand, "static.brandcdn.test")
    assert shop and all(r.party is Party.FIRST for r in shop)
    cookie = next(c for s in brand.states for c in s.cookies() if c.name == "_bs_vid")
    assert cookie.party is Party.FIRST
    found = _kinds(brand)
    for kind in ("undeclared_third_party", "tracker_request_before_consent"):
        assert not found.get(kind, set()) & {"brandshop.test", "brandcdn.test", "brand.test"}
    pages = {o.url for s in brand.states for o in s.observations}
    assert "https://www.brandshop.test/shoes.html" in pages


def test_service_worker_requests_and_cookies_are_recorded_and_judged(brand: ScanResult) -> None:
    [push, *_] = _requests(brand, "push.pushvendor.test")
    assert push.worker == "service worker https://www.brandshop.test/sw.js"
    assert push.page_url.startswith("https://")
    assert "pushvendor.test" in _kinds(brand)["tracker_request_before_consent"]
    cookies = {c.name: c for s in brand.states for c in s.cookies()}
    assert cookies["pv_id"].setter_url == push.url
    # The worker writes after its activation fetch, often between two visits: the write is
    # kept for the state's next cookie snapshot.
    sw = "https://www.brandshop.test/sw.js"
    pushes = {(c.setter_url, c.setter_worker) for s in brand.states for c in s.cookies()
              if c.name == "bs_push"}  # fmt: skip
    assert (sw, f"service worker {sw}") in pushes
    evidence = next(
        dict(f.evidence) for f in brand.findings if f.request_domain == "pushvendor.test"
    )
    assert evidence["from_worker"].startswith("service worker")


def test_dedicated_worker_requests_are_shown_from_the_worker(brand: ScanResult) -> None:
    """Every one, the worker's very first request too: Playwright's own session resumes a new
    worker at once, and on the landing page of a busy browser that request was answered before
    this session's Network domain was on (about one landing page in ten) until the worker was
    held at its start."""
    dedicated = [r for r in _requests(brand, "metrics.workerstats.test") if "dedicated" in r.url]
    assert dedicated and all(r.page_url.startswith("https://") for r in dedicated)
    assert {r.worker for r in dedicated} == {
        "dedicated worker https://www.brandshop.test/search-worker.js"
    }, [(r.url, r.worker) for r in dedicated]
    assert [r for r in dedicated if "when=loaded" in r.url]


def test_shared_worker_requests_are_recorded_and_judged(brand: ScanResult) -> None:
    """No page session reaches a shared worker: without the browser-level watch its requests
    were missing from the record."""
    label = "shared worker https://www.brandshop.test/cart-worker.js"
    synced = _requests(brand, "sync.cartsync.test")
    assert synced and all(r.worker == label for r in synced)
    pages = {o.url for s in brand.states for o in s.observations}
    assert {r.page_url for r in synced} <= pages, {r.page_url for r in synced}
    assert {r.status for r in synced} == {200}
    shared = [r for r in _requests(brand, "metrics.workerstats.test") if "kind=shared" in r.url]
    assert shared and {r.worker for r in shared} == {label}
    evidence = next(dict(f.evidence) for f in brand.findings if f.request_domain == "cartsync.test")
    assert evidence["from_worker"] == label


def test_a_shared_worker_answer_cookie_says_why_its_setter_is_unknown(brand: ScanResult) -> None:
    """Chromium gives a DevTools session attached to a running shared worker no Set-Cookie
    header of its answers (README, "Workers, iframes and beacons"): the record says so."""
    synced = [c for s in brand.states for c in s.cookies() if c.name == "cs_id"]
    assert synced and {c.setter_url for c in synced} == {None}
    seen = [s for s in brand.states if any(r.host == "sync.cartsync.test" for r in s.requests())]
    assert seen
    for state in seen:  # where the worker's request was seen, its cookie says so
        for cookie in [c for c in state.cookies() if c.name == "cs_id"]:
            assert cookie.setter_unknown is not None, (state.state, cookie)
            assert "https://sync.cartsync.test/sync?cart=1" in cookie.setter_unknown
            assert f"shared worker {SHOP}/cart-worker.js" in cookie.setter_unknown
    others = [c for s in brand.states for c in s.cookies() if c.name != "cs_id"]
    assert all(c.setter_unknown is None for c in others), [c.name for c in others]
    evidence = [dict(f.evidence) for f in brand.findings if f.cookie_name == "cs_id"]
    assert any(
        e.get("setter_unknown", "").startswith("possibly set by the answer") for e in evidence
    )


def test_a_tracker_in_an_ad_iframe_names_the_script_that_asked(brand: ScanResult) -> None:
    pixels = _requests(brand, "px.adpixel.test")
    assert pixels
    for pixel in pixels:
        assert pixel.frame_chain[-1] == "https://ads.adframe.test/frame.html"
        assert pixel.frame_chain[0].startswith("https://www.brandshop.test/")
    assert any(p.initiator == "https://ads.adframe.test/adtag.js" for p in pixels), [
        (p.initiator, p.page_url) for p in pixels
    ]


def test_leave_beacons_of_the_real_mixpanel_library_are_recorded(brand: ScanResult) -> None:
    for which in DEFAULT_STATES:
        beacons = [r for r in _state(brand, which).requests() if r.host == "api.mixtrack.test"]
        assert beacons, which
        assert all(b.beacon == "sendBeacon" for b in beacons)
        pages = {b.page_url for b in beacons}
        assert "https://www.brandshop.test/shoes.html" in pages
    reject = [r for r in _state(brand, ConsentState.REJECT).requests() if r.beacon]
    assert {r.phase.value for r in reject} == {"after_consent"}
    assert "mixtrack.test" in _kinds(brand)["tracker_request_after_reject"]


def test_a_cookie_kept_after_reject_is_reported_with_its_evidence(brand: ScanResult) -> None:
    [found] = [
        f for f in brand.findings if f.kind == "cookie_after_reject" and f.cookie_name == "_bs_vid"
    ]
    evidence = dict(found.evidence)
    assert evidence["kept_from_before_choice"].startswith("written on https://brand.test/")
    assert evidence["value_unchanged"].startswith("same value digest ")
    assert "https://www.brandshop.test/shoes.html" in evidence["still_sent_on"]
    assert evidence["deletion_attempts"] == "https://www.brandshop.test/consent.js"


def test_one_finding_per_unknown_first_party_cookie(brand: ScanResult) -> None:
    found = _kinds(brand)
    assert "bs_ab @ www.brandshop.test" in found["unclassified_cookie"]
    assert "bs_ab @ www.brandshop.test" not in found.get("undeclared_cookie", set())


def test_generic_first_party_names_are_not_attributed_to_a_vendor(brand: ScanResult) -> None:
    inventory = build_context(brand, ReportOptions()).inventory
    text = repr(inventory)
    assert "Instagram" not in text and "LinkedIn" not in text
    drafts = {d.name: d for d in draft_cookies(brand)}
    assert drafts["sessionid"].provider == "" and drafts["lang"].provider == ""


def test_the_html_report_shows_the_new_facts(brand: ScanResult) -> None:
    page = BeautifulSoup(render_html(brand, ReportOptions()), "html.parser")
    first_party = page.find(id="first-party").get_text()
    assert "brandshop.test (landed)" in first_party and "brand.test (start_url)" in first_party
    rows = page.select("#cookies-table tbody tr")
    push = next(r for r in rows if r.select_one("td.name").get_text() == "bs_push")
    assert "script (from a service worker)" in push.get_text()
    via = {tag.get_text() for tag in page.select("#domains-table small.via")}
    assert {"from a service worker", "beacon on leaving (sendBeacon)", "in an iframe"} <= via
    kept = page.find("article", attrs={"data-kind": "cookie_after_reject"}).get_text(" ")
    assert "kept" in kept and "https://www.brandshop.test/shoes.html" in kept


def test_the_terminal_report_says_which_domains_are_first_party(brand: ScanResult) -> None:
    text = " ".join(TerminalReporter().render(build_context(brand, ReportOptions())).split())
    assert "First party: brand.test (start_url), brandcdn.test (first_party: in " in text
    assert "brandshop.test (landed)" in text
