"""The scanner as a visitor: tags that load on interaction, on a timer, on scroll depth and on
visibility are recorded, and consent a site infers from scrolling is reported: where no choice
is made, and in the accept state before the click; never in the reject state, which still
records its refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import IMPLIED_CHOICE, ConsentState, Observation, ScanResult, StateResult

pytestmark = pytest.mark.browser

SITES = Path(__file__).parents[2] / "sites"
NONE = (ConsentState.NONE,)
ALL = (ConsentState.NONE, ConsentState.ACCEPT, ConsentState.REJECT)
IMPLIED = "consent_inferred_from_interaction"


@pytest.fixture(scope="module")
def visitor_site() -> Iterator[LocalSite]:
    """Delay-JS shop, late-tag news site, accept-on-scroll consent manager."""
    with LocalSite(SITES / "visitor") as site:
        yield site


def _state(result: ScanResult, state: ConsentState) -> StateResult:
    return next(s for s in result.states if s.state is state)


def _landing(result: ScanResult, state: ConsentState = ConsentState.NONE) -> Observation:
    return _state(result, state).observations[0]


def _consent_site(site: LocalSite, name: str, states: tuple[ConsentState, ...]) -> ScanResult:
    declared = SITES / "visitor" / f"{name}.yaml"
    return scan_site(site, f"www.{name}.test", states, declared=declared)


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
    """Accepts on scroll and takes its banner away."""
    return _consent_site(visitor_site, "scroll-consent", ALL)


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
    found = [f for f in scroll_consent.findings if f.kind == IMPLIED and f.state is NONE[0]]
    assert {f.subject for f in found} >= {"cmp.choice after scroll", "gcm.ad_storage after scroll"}
    assert all(f.severity.value == "high" for f in found)
    evidence = dict(next(f for f in found if f.subject == "gcm.ad_storage after scroll").evidence)
    assert evidence["interaction"].startswith("scroll (") and evidence["before"] == "denied"
    assert evidence["after"] == "granted" and "t.scrolltrack.test" in evidence["followed_by"]
    assert evidence["detected_in"] == "none (no consent choice is made in this state)"


def test_consent_inferred_before_the_accept_click_is_reported(scroll_consent: ScanResult) -> None:
    state = _state(scroll_consent, ConsentState.ACCEPT)
    page = state.observations[0]
    signals = {i.signal: i for i in page.implied_consent}
    assert {"cmp.choice", "gcm.ad_storage", "gcm.analytics_storage"} <= set(signals)
    implied = signals["cmp.choice"]
    assert (implied.interaction, implied.after) == ("scroll", "accept (CookieYes)")
    # the scroll took the banner away: the site's record stood in for the click, at its moment
    assert state.consent.applied and state.consent.strategy == IMPLIED_CHOICE
    assert state.consent.steps == () and state.consent.acted_at == implied.at
    assert state.consent.self_test.startswith("passed"), state.consent.self_test
    assert "right after the scanner's scroll" in state.consent.detail
    before_click = [s.action for s in page.interaction if s.at <= implied.at]
    assert before_click == ["pointer", "scroll"], page.interaction
    accept = [f for f in scroll_consent.findings if f.kind == IMPLIED and f.state is state.state]
    assert {f.subject for f in accept} >= {"cmp.choice after scroll", "gcm.ad_storage after scroll"}
    evidence = dict(accept[0].evidence)
    assert evidence["detected_in"] == (
        "accept, on the landing page while the banner was shown, before the accept click "
        "(the banner went away; nothing was clicked)"
    )
    assert evidence["signal"] in signals and evidence["interaction"].startswith("scroll (")
    assert "t.scrolltrack.test" in evidence["followed_by"]
    assert "reject_harder_than_accept" not in {f.kind for f in scroll_consent.findings}


def test_what_followed_implied_consent_is_marked_in_before_consent_findings(
    scroll_consent: ScanResult,
) -> None:
    before = ("tracker_request_before_consent", "cookie_before_consent")
    tracker = [f for f in scroll_consent.findings if f.kind in before]
    assert {f.kind for f in tracker} == set(before), [(f.kind, f.subject) for f in tracker]
    for f in tracker:
        assert dict(f.evidence).get("after_implied_consent", "").endswith("after scroll"), f


def test_the_reject_state_refuses_first_and_infers_nothing(scroll_consent: ScanResult) -> None:
    state = _state(scroll_consent, ConsentState.REJECT)
    assert state.consent.applied and state.consent.strategy == "cmp-rule"
    assert dict(state.consent.signals)["cmp.choice"] == "reject"
    assert state.consent.self_test.startswith("passed"), state.consent.self_test
    page = state.observations[0]
    assert page.implied_consent == () and "t.scrolltrack.test" not in _hosts(page)
    assert [s.action for s in page.interaction][:2] == ["pointer", "scroll"]
    acted = state.consent.acted_at
    assert acted is not None and all(s.at > acted for s in page.interaction)  # none before
    rejected = {f.kind for f in scroll_consent.findings if f.state is ConsentState.REJECT}
    assert IMPLIED not in rejected and not any(k.endswith("after_reject") for k in rejected)


def test_a_site_that_records_consent_only_on_a_click_infers_nothing(
    visitor_site: LocalSite,
) -> None:
    result = _consent_site(visitor_site, "click-consent", ALL)
    assert IMPLIED not in {f.kind for f in result.findings}
    assert all(p.implied_consent == () for s in result.states for p in s.observations)
    accept = _state(result, ConsentState.ACCEPT)
    assert accept.consent.applied and accept.consent.strategy == "cmp-rule"
    acted, page = accept.consent.acted_at, accept.observations[0]
    assert acted is not None
    before = [s.action for s in page.interaction if s.at < acted]
    assert before == ["pointer", "scroll", "scroll_back", "key"]  # the probe, then the click
    reject = _state(result, ConsentState.REJECT)
    assert reject.consent.applied and dict(reject.consent.signals)["cmp.choice"] == "reject"


def test_what_followed_implied_consent_before_the_click_is_marked(
    visitor_site: LocalSite,
) -> None:
    """A site that accepts on scroll but keeps its banner: the scanner still clicks accept;
    what it loaded between its inferred consent and the click is before consent, marked."""
    result = _consent_site(visitor_site, "scroll-keep", (ConsentState.ACCEPT,))
    state = _state(result, ConsentState.ACCEPT)
    assert state.consent.applied and state.consent.strategy == "cmp-rule"
    implied = {i.signal: i for i in state.observations[0].implied_consent}["cmp.choice"]
    assert state.consent.acted_at is not None and implied.at < state.consent.acted_at
    assert implied.followed == ("t.scrolltrack.test",)
    before = ("tracker_request_before_consent", "cookie_before_consent")
    tracker = [f for f in result.findings if f.kind in before]
    assert {f.kind for f in tracker} == set(before), [(f.kind, f.subject) for f in tracker]
    for f in tracker:
        assert f.state is ConsentState.ACCEPT
        assert dict(f.evidence).get("after_implied_consent") == "cmp.choice after scroll", f
    found = next(f for f in result.findings if f.subject == "cmp.choice after scroll")
    assert dict(found.evidence)["detected_in"].endswith("before the accept click")
