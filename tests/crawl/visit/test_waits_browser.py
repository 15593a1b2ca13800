"""Waiting for evidence, not the clock: busy networks and missing banners end waits early."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, ScanResult

pytestmark = pytest.mark.browser

SITES = Path(__file__).parents[2] / "sites"
SETTLE_S = 6.0
BANNER_WAIT_S = 6.0


@pytest.fixture(scope="module")
def busy_site() -> Iterator[LocalSite]:
    """A site whose tracker keeps the network busy: heartbeat, long-poll, stream, beacons."""
    with LocalSite(SITES / "busy") as site:
        yield site


@pytest.fixture(scope="module")
def busy(busy_site: LocalSite) -> ScanResult:
    return scan_site(
        busy_site, "www.busy-news.test", settle_s=SETTLE_S, banner_wait_s=BANNER_WAIT_S
    )


@pytest.fixture(scope="module")
def nobanner(nobanner_site: LocalSite) -> ScanResult:
    return scan_site(nobanner_site, "www.nobanner.test", banner_wait_s=BANNER_WAIT_S)


def test_a_busy_tracker_does_not_hold_pages_for_the_whole_settle(busy: ScanResult) -> None:
    pages = [o for s in busy.states for o in s.observations]
    assert len(pages) == 15 and not any(o.failed for o in pages)
    for page in pages:
        assert 0 < page.waited_settle < SETTLE_S - 2, (page.url, page.waited_settle)


def test_what_the_busy_tracker_does_is_still_recorded(busy: ScanResult) -> None:
    for state in busy.states:
        assert any(c.name == "bt_uid" for c in state.cookies()), state.state
        paths = {r.url.split("?")[0].rsplit("/", 1)[-1] for r in state.requests()}
        assert {"live.js", "sync", "hb", "poll"} <= paths, paths


def test_no_banner_ends_the_banner_wait_early(nobanner: ScanResult) -> None:
    for which in (ConsentState.ACCEPT, ConsentState.REJECT):
        state = next(s for s in nobanner.states if s.state is which)
        landing = state.observations[0]
        assert 0 < landing.waited_banner < BANNER_WAIT_S - 2, landing.waited_banner
        assert not state.consent.applied and state.consent.banner_seen is False
    none = next(s for s in nobanner.states if s.state is ConsentState.NONE)
    assert all(o.waited_banner == 0 for o in none.observations)
