"""Vendor protocol signatures: each matches its protocol's requests on any host, not look-alikes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.knowledge import load_knowledge
from scanner.knowledge.endpoints import bundled_endpoints, load_endpoints

GA4 = "https://sgtm.shop.example/g/collect?v=2&tid=G-ABC123&cid=1.2&en=page_view"
UA = "https://shop.example/metrics/collect?v=1&_v=j101&tid=UA-1234-1&cid=55.66&t=pageview"
HOTJAR = "https://shop.example/hj/api/v2/client/sites/123/visit-data?sv=7"
HITS = {
    GA4: "GA4 Measurement Protocol (gtag.js)",
    UA: "Universal Analytics collection",
    "https://capi.shop.example/tr/?id=123456789&ev=PageView&dl=x": "Meta pixel event",
    "https://shop.example/ingest/e/?ip=1&_=1700000000000&ver=1.200.0": "PostHog capture",
    "https://shop.example/ingest/decide/?v=3&ip=1&_=1700000000000&ver=1.200.0": "PostHog flags",
    "https://shop.example/mp/track/?ip=1&_=1700000000000": "Mixpanel ingestion",
    "https://shop.example/amp/2/httpapi": "Amplitude HTTP API",
    "https://shop.example/seg/v1/t?writeKey=abc": "Segment tracking API",
    "https://sp.shop.example/com.snowplowanalytics.snowplow/tp2": "Snowplow tracker protocol",
    "https://shop.example/stats/matomo.php?idsite=1&rec=1&action_name=Home": "Matomo tracking API",
    "https://shop.example/tt/api/v2/pixel": "TikTok pixel",
    "https://shop.example/li/collect?pid=12345&fmt=js&url=x": "LinkedIn Insight collection",
    HOTJAR: "Hotjar visit and recording data",
}
MISSES = [
    "https://shop.example/collect",  # a site's own /collect without the protocol's keys
    "https://shop.example/g/collect?v=1&tid=UA-1",  # neither GA4 nor UA in full
    "https://shop.example/api/track/?id=4",  # an order-tracking page
    "https://shop.example/tr/?lang=fr",
    "https://shop.example/e/?ver=latest",
    "https://shop.example/search?q=matomo.php",
    "https://shop.example/mp/track/?ip=1",
]


@pytest.mark.parametrize(("url", "protocol"), HITS.items())
def test_a_protocol_is_recognised_on_any_host_and_path_prefix(url: str, protocol: str) -> None:
    found = bundled_endpoints().match(url, "POST")
    assert found is not None and found.protocol == protocol


@pytest.mark.parametrize("url", MISSES)
def test_look_alike_first_party_urls_are_not_attributed(url: str) -> None:
    assert bundled_endpoints().match(url, "POST") is None


def test_plausible_needs_a_post() -> None:
    assert bundled_endpoints().match("https://shop.example/api/event", "GET") is None
    found = bundled_endpoints().match("https://shop.example/api/event", "POST")
    assert found is not None and found.domain == "plausible.io"


def test_every_signature_names_a_vendor_domain_and_a_consent_category() -> None:
    data = bundled_endpoints()
    assert len(data.signatures) >= 20 and data.version.startswith("bundled: ")
    assert all("." in s.domain and s.category.value in ("analytics", "advertising")
               for s in data.signatures)  # fmt: skip


def test_a_users_signature_file_in_the_cache_folder_comes_first(tmp_path: Path) -> None:
    signature = {"vendor": "Acme Metrics", "domain": "acme-metrics.example",
                 "category": "analytics", "path": "/px/hit$", "query": {"k": ""}}  # fmt: skip
    own = {
        "header": {"source": "our signatures", "updated": "2026-12-01"},
        "signatures": [signature],
    }
    (tmp_path / "endpoints.json").write_text(json.dumps(own), "utf-8")
    kb = load_knowledge(tmp_path)
    found = kb.endpoint("https://shop.example/px/hit?k=1")
    assert found is not None and found.vendor == "Acme Metrics"
    assert kb.versions()["endpoints"].startswith(f"user file {tmp_path / 'endpoints.json'}: ")


def test_a_bad_pattern_is_an_error_naming_the_signature() -> None:
    text = json.dumps({"header": {"source": "x", "updated": "y"},
                       "signatures": [{"vendor": "Bad", "domain": "b.example",
                                       "category": "analytics", "path": "(["}]})  # fmt: skip
    with pytest.raises(ValueError, match="'Bad'"):
        load_endpoints(text)
