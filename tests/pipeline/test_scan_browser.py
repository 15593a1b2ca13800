"""End to end in the real Chromium: the demo and fixture sites, every finding kind, exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from sitescan import scan_site

from scanner.cli import main
from scanner.demo.server import LocalSite
from scanner.model import (
    ConsentState,
    CookieRecord,
    Party,
    Phase,
    ScanResult,
    SetBy,
    StateResult,
)
from scanner.report.formats.json_report import loads
from scanner.report.schema import load_schema

pytestmark = pytest.mark.browser

TWO_YEARS = 2 * 365 * 86_400
FOUR_HUNDRED_DAYS = 400 * 86_400


def state(result: ScanResult, which: ConsentState) -> StateResult:
    return next(s for s in result.states if s.state is which)


def cookies_named(result: StateResult, name: str) -> list[CookieRecord]:
    return [c for c in result.cookies() if c.name == name]


def kinds(result: ScanResult) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.kind, set()).add(finding.subject)
    return found


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """`cookiescan demo` once, through the CLI, as a user runs it."""
    out = tmp_path_factory.mktemp("demo")
    code = main(["demo", "--out", str(out), "--format", "json"])
    yield code, next(out.rglob("report.json"))


@pytest.fixture(scope="module")
def demo(demo_run: tuple[int, Path]) -> ScanResult:
    return loads(demo_run[1].read_text("utf-8"))


def test_demo_exits_zero_and_writes_a_schema_valid_report(demo_run: tuple[int, Path]) -> None:
    code, path = demo_run
    assert code == 0
    report = json.loads(path.read_text("utf-8"))
    jsonschema.validate(report, load_schema())
    assert [s["state"] for s in report["states"]] == ["none", "accept", "reject", "gpc"]


def test_demo_shows_each_deliberate_problem(demo: ScanResult) -> None:
    found = kinds(demo)
    assert "_tl_id @ www.demo-shop.test" in found["cookie_before_consent"]
    assert "tracklytics.test" in found["tracker_request_before_consent"]
    assert "adn_uid @ ads.adnetwork.test" in found["cookie_after_reject"]
    assert "adnetwork.test" in found["tracker_request_after_reject"]
    # undeclared and unknown: one finding, unclassified_cookie, not also undeclared_cookie
    assert "ab_bucket @ www.demo-shop.test" in found["unclassified_cookie"]
    assert "ab_bucket @ www.demo-shop.test" not in found.get("undeclared_cookie", set())
    assert "_tl_id @ www.demo-shop.test" in found["lifetime_exceeds_declared"]
    assert "_tl_id @ www.demo-shop.test" in found["lifetime_over_13_months"]
    assert "newsletter_popup" in found["declared_not_observed"]
    visitor = "tl_visitor @ https://www.demo-shop.test (localStorage)"
    assert visitor in found["storage_before_consent"]
    assert visitor in found["storage_after_reject"]  # kept from before the choice


def test_demo_storage_violation_names_its_writer_and_declared_line(demo: ScanResult) -> None:
    after = [f for f in demo.findings if f.kind == "storage_after_reject"]
    [kept] = [f for f in after if f.storage_key == "tl_visitor"]
    assert {f.storage_key for f in after} == {"tl_visitor", "adn_seen"}  # the ads, as cookies
    evidence = dict(kept.evidence)
    assert evidence["writer"] == "https://metrics.tracklytics.test/tl.js"
    assert "kept_from_before_choice" in evidence and kept.declaration_line is not None
    assert not [f for f in demo.findings if f.kind == "undeclared_storage"]


def test_demo_shows_the_problems_beyond_cookies(demo: ScanResult) -> None:
    found = kinds(demo)
    for technique in ("canvas", "webgl", "audio"):
        assert f"{technique} by fp.devicecheck.test" in found["fingerprinting_before_consent"]
        assert f"{technique} by fp.devicecheck.test" in found["fingerprinting_after_reject"]
    assert found["session_recording_before_consent"] == {"rec.replayhub.test"}
    assert found["session_recording_after_reject"] == {"rec.replayhub.test"}
    assert found["keystrokes_sent"] == {"rec.replayhub.test"}
    assert found["gpc_ignored"] == {"retargetly.test"}
    gpc = state(demo, ConsentState.GPC).consent
    assert dict(gpc.signals)["gpc.json"] == "gpc=true, lastUpdate=2026-09-01"


def test_demo_does_not_flag_what_is_fine(demo: ScanResult) -> None:
    found = kinds(demo)
    subjects = {s for group in found.values() for s in group}
    assert not any(s.startswith(("sessionid", "demo_consent")) for s in subjects)
    assert "cdnhub.test" not in found.get("tracker_request_before_consent", set())
    assert "adnetwork.test" not in found.get("tracker_request_before_consent", set())
    assert "consent_not_applied" not in found


def test_consent_applied_by_heuristic_in_both_states(demo: ScanResult) -> None:
    for which in (ConsentState.ACCEPT, ConsentState.REJECT):
        consent = state(demo, which).consent
        assert consent.applied, consent.detail
        assert consent.strategy == "heuristic"
        assert consent.acted_at is not None


def test_script_cookie_keeps_the_lifetime_the_site_asked_for(demo: ScanResult) -> None:
    record = cookies_named(state(demo, ConsentState.NONE), "_tl_id")[0]
    assert record.set_by is SetBy.SCRIPT
    assert record.setter_url is not None and record.setter_url.endswith("/tl.js")
    assert record.lifetime_requested == TWO_YEARS
    assert record.lifetime_stored is not None and record.lifetime_stored <= FOUR_HUNDRED_DAYS
    assert record.party is Party.FIRST


def test_third_party_cookie_is_stored_and_attributed(demo: ScanResult) -> None:
    records = cookies_named(state(demo, ConsentState.ACCEPT), "adn_uid")
    assert records, "third-party cookies must be stored by default"
    record = records[0]
    assert record.party is Party.THIRD and record.set_by is SetBy.HEADER
    assert record.setter_url is not None and "ads.adnetwork.test/sync" in record.setter_url
    assert record.phase is Phase.AFTER_CONSENT
    assert record.secure and record.same_site == "None"
    assert not cookies_named(state(demo, ConsentState.NONE), "adn_uid")


def test_requests_are_split_around_the_consent_action(demo: ScanResult) -> None:
    landing = state(demo, ConsentState.ACCEPT).observations[0]
    phases = {r.host: r.phase for r in landing.requests}
    assert phases["metrics.tracklytics.test"] is Phase.BEFORE_CONSENT
    assert phases["ads.adnetwork.test"] is Phase.AFTER_CONSENT
    pixel = next(r for r in landing.requests if r.url.endswith("/pixel.js"))
    assert pixel.initiator is not None and pixel.initiator.endswith("/assets/consent.js")
    assert pixel.status == 200 and pixel.resource_type == "script"


def test_third_party_frame_storage_is_recorded(demo: ScanResult) -> None:
    keys = {(s.origin, s.key, s.party) for s in state(demo, ConsentState.ACCEPT).storage()}
    assert ("https://ads.adnetwork.test", "adn_seen", Party.THIRD) in keys


def test_crawl_follows_links_to_depth_two_and_skips_downloads(demo: ScanResult) -> None:
    urls = {o.url for o in state(demo, ConsentState.NONE).observations}
    assert "https://www.demo-shop.test/products/widget" in urls
    assert not any(u.endswith(".pdf") for u in urls)
    assert len(urls) == len(state(demo, ConsentState.NONE).observations)


def test_report_never_holds_cookie_values(demo_run: tuple[int, Path], demo: ScanResult) -> None:
    text = demo_run[1].read_text("utf-8")
    assert '"value"' not in text
    assert all(len(c.value_digest) == 16 for s in demo.states for c in s.cookies())


@pytest.fixture(scope="module")
def multistep(multistep_site: LocalSite) -> ScanResult:
    return scan_site(multistep_site, "www.multistep.test")


def test_multistep_reject_follows_the_declared_steps(multistep: ScanResult) -> None:
    reject = state(multistep, ConsentState.REJECT).consent
    assert reject.applied, reject.detail
    assert reject.strategy == "declared"
    assert len(reject.steps) == 2 and "#ms-reject-all" in reject.steps[1]
    assert not cookies_named(state(multistep, ConsentState.REJECT), "sb_id")


def test_multistep_accept_records_iframe_cookie_and_storage(multistep: ScanResult) -> None:
    accept = state(multistep, ConsentState.ACCEPT)
    sb_id = cookies_named(accept, "sb_id")
    assert sb_id and sb_id[0].party is Party.THIRD
    origins = {s.origin for s in accept.storage()}
    assert "https://widgets.socialbox.test" in origins


def test_multistep_depth_two_dedupe_and_failed_pages(multistep: ScanResult) -> None:
    none = state(multistep, ConsentState.NONE)
    by_url = {o.url: o for o in none.observations}
    assert by_url["https://www.multistep.test/a/b"].depth == 2
    assert cookies_named(none, "deep_seen")
    assert sum(1 for u in by_url if u.startswith("https://www.multistep.test/a?")) == 0
    assert len([u for u in by_url if u.rstrip("/").endswith("/a")]) == 1
    assert by_url["https://www.multistep.test/broken"].error == "HTTP 500"
    assert by_url["https://www.multistep.test/slow"].error is None
    failed = {f.subject for f in multistep.findings if f.kind == "page_failed"}
    assert "https://www.multistep.test/broken" in failed
    assert "https://down.multistep.test/" in failed


@pytest.fixture(scope="module")
def nobanner(nobanner_site: LocalSite) -> ScanResult:
    return scan_site(nobanner_site, "www.nobanner.test")


def test_no_banner_is_one_finding_not_also_consent_not_applied(nobanner: ScanResult) -> None:
    found = kinds(nobanner)
    assert "consent_not_applied" not in found
    [banner] = [f for f in nobanner.findings if f.kind == "no_consent_banner"]
    assert dict(banner.evidence)["states_not_applied"] == "accept, reject"
    assert "trackpixel.test" in found["undeclared_third_party"]
    assert "tp_id @ px.trackpixel.test" in found["cookie_before_consent"]
    for which in (ConsentState.ACCEPT, ConsentState.REJECT):
        assert "consent" in state(nobanner, which).consent.detail


def test_not_applied_states_are_not_judged_as_after_reject(nobanner: ScanResult) -> None:
    assert "cookie_after_reject" not in kinds(nobanner)
    assert "tracker_request_after_reject" not in kinds(nobanner)


def test_blocking_third_party_cookies_is_an_option(nobanner_site: LocalSite) -> None:
    blocked = scan_site(
        nobanner_site, "www.nobanner.test", (ConsentState.NONE,), block_third_party_cookies=True
    )
    assert not cookies_named(state(blocked, ConsentState.NONE), "tp_id")
    requests = state(blocked, ConsentState.NONE).requests()
    assert any(r.host == "px.trackpixel.test" for r in requests)
