"""Trackers routed through the site's own domain are judged as their vendors' trackers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from channels_site import SHOP, build_channels_site
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Finding, ScanResult
from scanner.report.context.inventory import build_inventory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScanResult]:
    with LocalSite(build_channels_site(tmp_path_factory.mktemp("channels"))) as site:
        yield scan_site(site, SHOP, states=(ConsentState.NONE,), depth=1)


def _finding(scan: ScanResult, kind: str, subject: str) -> Finding:
    return next(f for f in scan.findings if f.kind == kind and f.subject == subject)


def test_the_real_mixpanel_sdk_through_a_first_party_proxy_is_mixpanel(scan: ScanResult) -> None:
    found = _finding(scan, "tracker_request_before_consent", "mixpanel.com")
    evidence = dict(found.evidence)
    assert evidence["via"].startswith(f"via first-party endpoint https://{SHOP}/mp/track/?")
    assert evidence["protocol"] == "Mixpanel ingestion"
    assert (evidence["known_vendor"], evidence["known_category"]) == ("Mixpanel", "analytics")
    undeclared = _finding(scan, "undeclared_third_party", "mixpanel.com")
    assert dict(undeclared.evidence)["host"] == SHOP


def test_ga4_hits_to_a_server_side_tagging_subdomain_are_google_analytics(
    scan: ScanResult,
) -> None:
    found = _finding(scan, "tracker_request_before_consent", "google-analytics.com")
    evidence = dict(found.evidence)
    assert evidence["via"].startswith(
        "via first-party endpoint https://sgtm.channel-shop.test/g/collect?v=2"
    )
    assert evidence["protocol"] == "GA4 Measurement Protocol (gtag.js)"
    assert found.declaration_line == 6 and evidence["category"] == "analytics"
    others = {f.kind for f in scan.findings if f.subject == "google-analytics.com"}
    assert others == {"tracker_request_before_consent"}  # declared, and observed


def test_the_inventory_lists_the_vendors_reached_through_first_party_endpoints(
    scan: ScanResult,
) -> None:
    rows = {r.domain: r for r in build_inventory(scan).domains}
    assert f"via first-party endpoint https://{SHOP}/mp/track/" in rows["mixpanel.com"].via
    assert (
        rows["mixpanel.com"].known is not None and rows["mixpanel.com"].known.vendor == "Mixpanel"
    )
    ga = rows["google-analytics.com"]
    assert ga.via == ("via first-party endpoint https://sgtm.channel-shop.test/g/collect",)
    assert ga.declared_line == 6 and ga.declared_category == "analytics"
    assert "channel-shop.test" not in rows  # the shop's own pages stay first party
