"""The scanner as a visitor: tags that load on interaction, on a timer, on scroll depth and on
visibility are recorded, and consent a site infers from scrolling is reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Observation, ScanResult

pytestmark = pytest.mark.browser

SITES = Path(__file__).parents[2] / "sites"
NONE = (ConsentState.NONE,)


@pytest.fixture(scope="module")
def visitor_site() -> Iterator[LocalSite]:
    """Delay-JS shop, late-tag news site, accept-on-scroll consent manager."""
    with LocalSite(SITES / "visitor") as site:
        yield site


def _landing(result: ScanResult, state: ConsentState = ConsentState.NONE) -> Observation:
    return next(s for s in result.states if s.state is state).observations[0]


def _hosts(page: Observation) -> set[str]:
    return {r.host for r in page.requests}


def _paths(page: Observation) -> set[str]:
    return {r.url.split("?")[0] for r in page.requests}


@pytest.fixture(scope="module")
def delay_shop(visitor_site: LocalSite) -> ScanResult:
    return scan_site(visitor_site, "www.delay-shop.test", NONE)


@pytest.fixture(scope="module")
def late_news(visitor_site: LocalSite) -> ScanResult:
    return scan_site(visitor_site, "www.late-news.test", NONE)


@pytest.fixture(scope="module")
def scroll_consent(visitor_site: LocalSite) -> ScanResult:
    states = (ConsentState.NONE, ConsentState.REJECT)
    declared = SITES / "visitor" / "scroll-consent.yaml"
    return scan_site(visitor_site, "www.scroll-consent.test", states, declared=declared)


def test_trackers_delayed_until_interaction_are_recorded(delay_shop: ScanResult) -> None:
    page = _landing(delay_shop)
    assert "px.delaytrack.test" in _hosts(page)
    assert {"_dlt", "dlt_uid"} <= {c.name for c in page.cookies}
    assert [s.action for s in page.interaction] == ["pointer", "scroll", "scroll_back", "key"]
    assert all(s.at >= page.started_at for s in page.interaction)
    assert page.implied_consent == ()


def test_with_interaction_off_the_delayed_trackers_stay_unseen(
    visitor_site: LocalSite,
) -> None:
    shop = scan_site(visitor_site, "www.delay-shop.test", NONE, interaction="none")
    page = _landing(shop)
    assert "px.delaytrack.test" not in _hosts(page) and page.interaction == ()


def test_a_timer_tag_is_waited_for_by_the_dwell(late_news: ScanResult) -> None:
    page = _landing(late_news)
    assert "https://tags.latetags.test/timer.js" in _paths(page)
    assert "https://tags.latetags.test/collect" in _paths(page)
    assert "_late" in {c.name for c in page.cookies}
    assert page.dwell is not None and page.dwell.timers >= 1
    assert page.dwell.reason == "no timer pending", page.dwell


def test_scroll_depth_and_visibility_triggers_fire(late_news: ScanResult) -> None:
    page = _landing(late_news)
    assert "https://tags.latetags.test/depth" in _paths(page)
    assert "https://embed.lazyvideo.test/player.html" in _paths(page)
    assert "lv_id" in {c.name for c in page.cookies}
    scroll = next(s for s in page.interaction if s.action == "scroll")
    assert scroll.detail.endswith("to 100% of the page"), scroll.detail


def test_consent_inferred_from_scrolling_is_reported(scroll_consent: ScanResult) -> None:
    page = _landing(scroll_consent)
    signals = {i.signal: i for i in page.implied_consent}
    assert {"cmp.choice", "gcm.ad_storage", "gcm.analytics_storage"} <= set(signals)
    assert all(i.interaction == "scroll" for i in page.implied_consent)
    assert signals["cmp.choice"].after == "accept (CookieYes)"
    assert "t.scrolltrack.test" in signals["cmp.choice"].followed
    found = [f for f in scroll_consent.findings if f.kind == "consent_inferred_from_interaction"]
    assert {f.subject for f in found} >= {"cmp.choice after scroll", "gcm.ad_storage after scroll"}
    assert all(f.state is ConsentState.NONE and f.severity.value == "high" for f in found)
    evidence = dict(next(f for f in found if f.subject == "gcm.ad_storage after scroll").evidence)
    assert evidence["interaction"].startswith("scroll (") and evidence["before"] == "denied"
    assert evidence["after"] == "granted" and "t.scrolltrack.test" in evidence["followed_by"]


def test_what_followed_implied_consent_is_marked_in_before_consent_findings(
    scroll_consent: ScanResult,
) -> None:
    before = ("tracker_request_before_consent", "cookie_before_consent")
    tracker = [f for f in scroll_consent.findings if f.kind in before]
    assert {f.kind for f in tracker} == set(before), [(f.kind, f.subject) for f in tracker]
    for f in tracker:
        assert dict(f.evidence).get("after_implied_consent", "").endswith("after scroll"), f


def test_no_consent_is_inferred_once_the_visitor_rejected(scroll_consent: ScanResult) -> None:
    state = next(s for s in scroll_consent.states if s.state is ConsentState.REJECT)
    assert state.consent.applied
    page = state.observations[0]
    assert page.implied_consent == () and "t.scrolltrack.test" not in _hosts(page)
    assert [s.action for s in page.interaction][:2] == ["pointer", "scroll"]
