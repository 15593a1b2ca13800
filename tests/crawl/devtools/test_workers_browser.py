"""Workers of every kind on a local shop: their requests, the cookies they write and the
fingerprinting they do are recorded with the worker, in the real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, RequestRecord, ScanResult, SetBy

pytestmark = pytest.mark.browser
SITE = Path(__file__).parents[2] / "sites" / "workers"
SHOP = "https://www.workershop.test"


@pytest.fixture(scope="module")
def shop() -> Iterator[ScanResult]:
    with LocalSite(SITE) as site:
        yield scan_site(site, "www.workershop.test", states=(ConsentState.NONE,), depth=1)


def _requests(result: ScanResult, marker: str) -> list[RequestRecord]:
    return [r for s in result.states for r in s.requests() if marker in r.url]


def test_worker_fingerprinting_is_detected_with_the_worker_script(shop: ScanResult) -> None:
    """The hooks of the frames never ran in workers: none of these were seen before."""
    found = {(f.script_url, f.technique) for s in shop.states for f in s.fingerprinting()}
    assert found == {
        (f"{SHOP}/fp-worker.js", "canvas"),  # a dedicated worker
        (f"{SHOP}/fp-shared.js", "canvas"),  # a shared worker
        (f"{SHOP}/fp.js", "canvas"),  # a library a service worker imported
    }
    kinds = {f.kind for f in shop.findings}
    assert {"fingerprinting_before_consent", "undeclared_fingerprinting"} <= kinds


def test_a_chart_drawn_in_a_worker_is_not_fingerprinting(shop: ScanResult) -> None:
    scripts = {f.script_url for s in shop.states for f in s.fingerprinting()}
    assert f"{SHOP}/chart-worker.js" not in scripts


def test_a_service_worker_cookie_store_write_names_the_worker(shop: ScanResult) -> None:
    cookie = next(c for s in shop.states for c in s.cookies() if c.name == "ws_push")
    assert cookie.set_by is SetBy.SCRIPT
    assert cookie.setter_url == f"{SHOP}/sw.js"
    assert cookie.setter_worker == f"service worker {SHOP}/sw.js"


def test_every_worker_request_is_labelled_with_its_worker(shop: ScanResult) -> None:
    dedicated = f"dedicated worker {SHOP}/fp-worker.js"
    later = _requests(shop, "from=dedicated&size=")
    assert later and {r.worker for r in later} == {dedicated}
    # The worker's very first request too: the worker is held at its start until watched
    # (Playwright resumes new workers at once; README, "Workers, iframes and beacons").
    [started] = _requests(shop, "from=dedicated&started=1")
    assert (started.page_url, started.worker) == (f"{SHOP}/", dedicated)
    shared = _requests(shop, "from=shared")
    assert shared and {r.worker for r in shared} == {f"shared worker {SHOP}/fp-shared.js"}
    assert {r.page_url for r in shared} == {f"{SHOP}/"}
    [service] = _requests(shop, "from=service")
    assert service.worker == f"service worker {SHOP}/sw.js"


def test_a_page_spawning_many_workers_is_still_visited(shop: ScanResult) -> None:
    """Forty shared and forty dedicated workers ending at once, one missing, one broken."""
    [busy] = [o for s in shop.states for o in s.observations if o.url == f"{SHOP}/busy.html"]
    assert busy.error is None and busy.status == 200
    assert all(o.error is None for s in shop.states for o in s.observations)


def test_a_page_cookie_store_write_is_not_from_a_worker(shop: ScanResult) -> None:
    cookie = next(c for s in shop.states for c in s.cookies() if c.name == "ws_lang")
    assert (cookie.set_by, cookie.setter_url) == (SetBy.SCRIPT, f"{SHOP}/about.html")
    assert cookie.setter_worker is None
