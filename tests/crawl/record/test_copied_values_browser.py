"""A cookie value a tag copies into its request URL never reaches the report (real Chromium).

The demo's tl.js sends its visitor id (the ``_tl_id`` cookie's value) as ``cid=`` in the
query of every hit; the records keep the hit, with the id replaced by the report's digest.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, ScanResult
from scanner.report.formats import json_report

pytestmark = pytest.mark.browser
HOST = "www.demo-shop.test"
COLLECT = "https://metrics.tracklytics.test/collect?"


@pytest.fixture(scope="module")
def scanned(demo_site: LocalSite) -> tuple[ScanResult, set[str]]:
    before = len(demo_site.requests)
    result = scan_site(demo_site, HOST, states=(ConsentState.NONE,), max_pages=2)
    hits = [r for r in demo_site.requests[before:] if r.host == "metrics.tracklytics.test"]
    ids = {cid for r in hits for cid in parse_qs(r.query).get("cid", [])}
    return result, ids


def test_the_visitor_id_sent_in_the_url_is_not_in_the_report(
    scanned: tuple[ScanResult, set[str]],
) -> None:
    result, ids = scanned
    assert ids, "the demo's tag sent no hit with its visitor id"
    report = json_report.render(result)
    assert not [i for i in ids if i in report]
    setters = {c.setter_url for c in result.states[0].cookies() if c.setter_url}
    assert any(s.startswith(COLLECT) and "cid=digest:" in s for s in setters)


def test_the_hit_is_recorded_with_the_cookies_digest_in_place(
    scanned: tuple[ScanResult, set[str]],
) -> None:
    result, _ids = scanned
    [state] = result.states
    digests = {c.value_digest for c in state.cookies() if c.name == "_tl_id"}
    hits = [r for r in state.requests() if r.url.startswith(COLLECT)]
    assert hits and digests
    for hit in hits:
        [cid] = parse_qs(hit.url.partition("?")[2])["cid"]
        assert cid.removeprefix("digest:") in digests
