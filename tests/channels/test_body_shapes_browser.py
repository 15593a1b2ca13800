"""Trackers whose proxied URL names no vendor are told by the shape of what they send (the real
Mixpanel SDK on renamed routes, PostHog's gzip-compressed batches); a live counter's endless
server-sent event stream is recorded and judged, and holds no page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from channels_site import BAKERY, build_bodies_site
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Finding, Party, Phase, RequestRecord, ScanResult
from scanner.report.context.inventory import build_inventory
from scanner.report.text.codec import encode

pytestmark = pytest.mark.browser
STREAM = "https://live.feed-stream.test/events?vid="
SETTLE_S = 1.0


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScanResult]:
    with LocalSite(build_bodies_site(tmp_path_factory.mktemp("bodies"))) as site:
        yield scan_site(site, BAKERY, states=(ConsentState.NONE,), depth=1, settle_s=SETTLE_S)


def _finding(scan: ScanResult, kind: str, subject: str) -> Finding:
    return next(f for f in scan.findings if f.kind == kind and f.subject == subject)


def _request(scan: ScanResult, prefix: str) -> RequestRecord:
    (found,) = [r for s in scan.states for r in s.requests() if r.url.startswith(prefix)]
    return found


def test_the_real_mixpanel_sdk_on_renamed_proxy_routes_is_told_by_its_body(
    scan: ScanResult,
) -> None:
    found = _finding(scan, "tracker_request_before_consent", "mixpanel.com")
    evidence = dict(found.evidence)
    assert evidence["via"].startswith(f"via first-party endpoint https://{BAKERY}/t/px/?")
    assert evidence["protocol"] == "Mixpanel ingestion (event)"
    assert evidence["body"] == (
        "body keys event, properties.token, properties.distinct_id"
        " (in a base64-wrapped, form field 'data' body)"
    )
    assert (evidence["known_vendor"], evidence["known_category"]) == ("Mixpanel", "analytics")
    assert ("undeclared_third_party", "mixpanel.com") in {
        (f.kind, f.subject) for f in scan.findings
    }


def test_posthogs_gzip_compressed_batch_to_a_bare_proxy_path_is_posthog(scan: ScanResult) -> None:
    found = _finding(scan, "tracker_request_before_consent", "posthog.com")
    evidence = dict(found.evidence)
    assert evidence["via"] == f"via first-party endpoint https://{BAKERY}/ingest/e/"
    assert evidence["protocol"] == "PostHog capture (batch)"
    assert evidence["body"] == "body keys api_key, batch (in a gzip-compressed body)"
    sent = _request(scan, f"https://{BAKERY}/ingest/e/")
    assert (sent.body_keys, sent.body_how) == ((), "gzip-compressed")
    assert sent.body_decoded_keys[:2] == ("api_key", "batch")


def test_posthogs_flags_call_in_a_base64_form_field_is_posthog(scan: ScanResult) -> None:
    flags = f"https://{BAKERY}/ingest/flags/?v=2"
    (endpoint,) = [e for e in scan.judgement.endpoints if e.url == flags]
    assert (endpoint.vendor_domain, endpoint.protocol) == ("posthog.com", "PostHog flags")
    assert endpoint.body == (
        "body keys token, distinct_id (in a base64-wrapped, form field 'data' body)"
    )


def test_the_records_keep_field_names_and_no_value(scan: ScanResult) -> None:
    sent = _request(scan, f"https://{BAKERY}/ingest/flags/")
    assert sent.body_keys == ("data",) and "distinct_id" in sent.body_decoded_keys
    assert dict(sent.body_values) == {"token": "phc_BakeryProjectKey0123456789abcdefABCDEF"}
    written = encode(sent)
    assert "body_values" not in written and "phc_Bakery" not in repr(written)


def test_the_inventory_lists_the_vendors_and_the_bakery_stays_first_party(
    scan: ScanResult,
) -> None:
    rows = {r.domain: r for r in build_inventory(scan).domains}
    assert rows["posthog.com"].via[0] == f"via first-party endpoint https://{BAKERY}/ingest/e/"
    assert f"via first-party endpoint https://{BAKERY}/t/px/" in rows["mixpanel.com"].via
    request_kinds = ("tracker_request_before_consent", "undeclared_third_party")
    assert not [f for f in scan.findings if f.kind in request_kinds and "bakery" in f.subject]


def test_an_event_stream_to_a_third_party_is_recorded_and_judged(scan: ScanResult) -> None:
    stream = _request(scan, STREAM)
    assert (stream.resource_type, stream.method, stream.status) == ("eventsource", "GET", 200)
    assert stream.party is Party.THIRD and stream.phase is Phase.BEFORE_CONSENT
    assert stream.page_url == f"https://{BAKERY}/live.html"
    found = _finding(scan, "tracker_request_before_consent", "feed-stream.test")
    evidence = dict(found.evidence)
    assert evidence["resource_type"] == "eventsource" and evidence["url"].startswith(STREAM)
    assert found.declaration_line == 6


def test_an_endless_event_stream_holds_no_page(scan: ScanResult) -> None:
    (live,) = [o for s in scan.states for o in s.observations if o.url.endswith("/live.html")]
    assert live.error is None and live.collector_failures == ()
    assert live.waited_settle < SETTLE_S  # quiet came before the settle bound
