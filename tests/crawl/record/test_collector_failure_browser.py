"""A collector that raises is recorded on the visit and the scan goes on (real Chromium)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import Page
from sitescan import scan_site

from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import Visit
from scanner.crawl.collectors.base import Collector, Fields
from scanner.crawl.collectors.cookies.collector import CookiesCollector
from scanner.crawl.devtools.targets import Target
from scanner.crawl.record import recorder
from scanner.demo.server import LocalSite
from scanner.model import ConsentState, ScanResult

pytestmark = pytest.mark.browser
PIXEL = "https://px.trackpixel.test/p.gif"


class Broken(Collector):
    """Fails at three steps of every visit, each in its own way."""

    name = "broken"

    def on_devtools(
        self, page: Page, method: str, params: dict[str, Any], target: Target | None
    ) -> None:
        raise KeyError("no such event field")

    async def collect(self, page: Page, visit: Visit, live: bool) -> None:
        raise RuntimeError("the last read went wrong\nsecond line never shown")

    def data(self, page: Page, visit: Visit) -> Fields:
        raise ValueError("cannot make records")


@pytest.fixture(scope="module")
def scanned(nobanner_site: LocalSite) -> ScanResult:
    registered = recorder.default_collectors

    def with_broken(book: StateBook, cookies: CookiesCollector) -> list[Collector]:
        return [Broken(), *registered(book, cookies)]  # first: the others still run after it

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(recorder, "default_collectors", with_broken)
        return scan_site(nobanner_site, "www.nobanner.test", states=(ConsentState.NONE,))


def test_each_failure_is_recorded_on_its_visit_with_collector_and_step(
    scanned: ScanResult,
) -> None:
    [state] = scanned.states
    [page] = state.observations
    failures = {(f.collector, f.step, f.error) for f in page.collector_failures}
    assert ("broken", "collect", "the last read went wrong") in failures
    assert ("broken", "data", "cannot make records") in failures
    assert ("broken", "on_devtools", "'no such event field'") in failures
    assert all(f.collector == "broken" for f in page.collector_failures)


def test_the_other_collectors_and_the_visit_go_on(scanned: ScanResult) -> None:
    [state] = scanned.states
    [page] = state.observations
    assert page.error is None
    [cookie] = [c for c in page.cookies if c.name == "tp_id"]
    assert (cookie.domain, cookie.setter_url) == ("px.trackpixel.test", PIXEL)
    assert cookie.lifetime_requested == 31536000
    assert PIXEL in {r.url for r in page.requests}
    assert "tp_id" in {f.cookie_name for f in scanned.findings}
