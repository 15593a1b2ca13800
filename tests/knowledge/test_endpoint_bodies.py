"""Vendor protocols told by their bodies: each SDK's wire format, as sent (compressed, base64 in
a form field, batched lines), is recognised behind any proxy path; look-alikes are not."""

from __future__ import annotations

import base64
import gzip
import json
from urllib.parse import quote

import pytest

from scanner.crawl.book.bodies import decode_body
from scanner.crawl.book.shape import BodyShape, body_shape
from scanner.knowledge.endpoints import EndpointSignature, bundled_endpoints, load_endpoints

PROXY = "https://shop.example/p/"  # a reverse proxy path that names no vendor
MP_TOKEN = "0123456789abcdef0123456789abcdef"
PH_TOKEN = "phc_TestProjectKey0123456789abcdef"


def _json(data: object) -> bytes:
    return json.dumps(data).encode()


def _form(**fields: str) -> bytes:
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in fields.items()).encode()


def _mixpanel_event() -> dict[str, object]:
    properties = {"$os": "Linux", "token": MP_TOKEN, "distinct_id": "$device:1a2b"}
    return {"event": "$mp_web_page_view", "properties": properties}


def _posthog_event() -> dict[str, object]:
    properties = {"token": PH_TOKEN, "distinct_id": "0190f3a2-7c", "$lib": "web"}
    return {"uuid": "0190f3a2", "event": "$pageview", "properties": properties}


# (body, content type, content encoding) as each SDK sends it -> the protocol it speaks
WIRE = {
    "posthog gzip batch": (
        gzip.compress(_json({"api_key": PH_TOKEN, "batch": [_posthog_event()], "sent_at": "x"})),
        "text/plain", "", "PostHog capture (batch)",
    ),
    "posthog legacy base64 form": (
        _form(data=base64.b64encode(_json([_posthog_event()])).decode()),
        "application/x-www-form-urlencoded", "", "PostHog capture (event)",
    ),
    "mixpanel base64 form": (
        _form(data=base64.b64encode(_json([_mixpanel_event()])).decode()),
        "application/x-www-form-urlencoded", "", "Mixpanel ingestion (event)",
    ),
    "mixpanel json form": (
        _form(data=json.dumps(_mixpanel_event())),
        "application/x-www-form-urlencoded", "", "Mixpanel ingestion (event)",
    ),
    "mixpanel people": (
        _form(data=json.dumps({"$token": MP_TOKEN, "$distinct_id": "1a2b", "$set": {}})),
        "application/x-www-form-urlencoded", "", "Mixpanel ingestion (people, groups)",
    ),
    "amplitude gzip content-encoding": (
        gzip.compress(_json({"api_key": MP_TOKEN, "events": [{"event_type": "x"}],
                             "options": {}, "client_upload_time": "t"})),
        "application/json", "gzip", "Amplitude HTTP API",
    ),
    "segment track": (
        _json({"type": "track", "event": "Signed up", "anonymousId": "a1",
               "messageId": "ajs-next-1", "writeKey": "AbCdEf0123456789AbCdEf0123456789"}),
        "text/plain", "", "Segment tracking API",
    ),
    "segment batch": (
        _json({"writeKey": "AbCdEf0123456789AbCdEf0123456789", "batch": [{"type": "page"}],
               "sentAt": "t"}),
        "text/plain", "", "Segment tracking API (batch)",
    ),
    "snowplow post": (
        _json({"schema": "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4",
               "data": [{"e": "pv", "tv": "js-3.24.0", "aid": "shop"}]}),
        "application/json", "", "Snowplow tracker protocol (POST)",
    ),
    "plausible script": (
        _json({"n": "pageview", "u": "https://shop.example/", "d": "shop.example", "r": None}),
        "text/plain", "", "Plausible events API (script)",
    ),
    "matomo post": (
        _form(idsite="3", rec="1", r="123456", h="10", url="https://shop.example/", _id="ab12"),
        "application/x-www-form-urlencoded", "", "Matomo tracking API (POST)",
    ),
    "matomo bulk": (
        _json({"requests": ["?idsite=3&rec=1&r=123456&action_name=Home"]}),
        "application/json", "", "Matomo bulk tracking",
    ),
    "ga4 hit in the body": (
        b"v=2&tid=G-ABC123&cid=1.2&en=page_view\r\nen=scroll&epn.percent_scrolled=90",
        "text/plain", "", "GA4 Measurement Protocol (gtag.js), hit in the body",
    ),
}  # fmt: skip
PATHS = {"GA4 Measurement Protocol (gtag.js), hit in the body": "https://shop.example/p/collect"}


def _shape(body: bytes, content_type: str = "", encoding: str = "") -> BodyShape:
    decoded = decode_body(body, encoding, content_type)
    text = body.decode("utf-8", errors="replace") if not encoding else ""
    return body_shape(text, decoded.views, bundled_endpoints().tested_fields)


def _match(url: str, shape: BodyShape, method: str = "POST") -> EndpointSignature | None:
    keys = shape.keys + shape.decoded
    return bundled_endpoints().match(url, method, keys, dict(shape.values))


@pytest.mark.parametrize("name", WIRE)
def test_each_sdks_wire_format_is_recognised_behind_any_proxy_path(name: str) -> None:
    body, content_type, encoding, protocol = WIRE[name]
    url = PATHS.get(protocol, PROXY)
    assert bundled_endpoints().match(url, "POST") is None  # the URL alone names no vendor
    found = _match(url, _shape(body, content_type, encoding))
    assert found is not None and found.protocol == protocol


def test_where_the_fields_were_found_is_kept() -> None:
    body, content_type, _, _ = WIRE["mixpanel base64 form"]
    shape = _shape(body, content_type)
    assert shape.keys == ("data",)
    assert {"event", "properties.token", "properties.distinct_id"} <= set(shape.decoded)
    assert shape.how == "base64-wrapped, form field 'data'"
    gzipped = _shape(WIRE["posthog gzip batch"][0])
    assert (gzipped.keys, gzipped.decoded[:2], gzipped.how) == (
        (),
        ("api_key", "batch"),
        "gzip-compressed",
    )


def test_only_the_values_a_signature_tests_are_kept() -> None:
    shape = _shape(*WIRE["mixpanel base64 form"][:2])
    assert dict(shape.values) == {"properties.token": MP_TOKEN}  # not the distinct id, not $os
    assert "$device:1a2b" not in repr(shape)


LOOKALIKES = {
    "the shop's own event api": _json({"event": "signup", "properties": {"plan": "pro"}}),
    "an api key that is not posthog's": _json({"api_key": "sk_live_abc", "batch": []}),
    "a login form": _form(token="abc123", distinct_id="me", password="x"),
    "a short plausible look-alike": _json({"n": "Anna", "u": "anna", "d": "2024-01-01"}),
    "a form with idsite but no hit": _form(idsite="3", page="2"),
    "a segment-like body without a key": _json({"type": "track", "messageId": "1"}),
    "base64 padding only": base64.b64encode(b"idsite=3&rec=1"),
}  # fmt: skip


@pytest.mark.parametrize("name", LOOKALIKES)
def test_look_alike_bodies_on_first_party_paths_are_not_attributed(name: str) -> None:
    assert _match("https://shop.example/api/flags/", _shape(LOOKALIKES[name])) is None


def test_a_body_signature_needs_its_body() -> None:
    assert _match(PROXY, BodyShape()) is None
    assert bundled_endpoints().match(PROXY, "POST", ("api_key", "batch"), {}) is None  # no value


def test_a_users_signature_can_require_body_fields_and_values() -> None:
    text = json.dumps({"header": {"source": "ours", "updated": "2026-12-01"},
                       "signatures": [{"vendor": "Acme", "domain": "acme.example",
                                       "category": "advertising", "path": "/hit$",
                                       "body": {"acme_id": "^AC-\\d+$", "evt": ""}}]})  # fmt: skip
    own = load_endpoints(text)
    assert own.tested_fields == frozenset({"acme_id"})
    assert own.match("https://shop.example/x/hit", "POST", ("acme_id", "evt"), {"acme_id": "AC-7"})
    assert not own.match("https://shop.example/x/hit", "POST", ("acme_id", "evt"), {"acme_id": "7"})
    assert not own.match("https://shop.example/x/hit", "POST", ("acme_id",), {"acme_id": "AC-7"})


def test_a_body_part_that_is_not_a_mapping_is_an_error_naming_the_signature() -> None:
    text = json.dumps({"header": {"source": "x", "updated": "y"},
                       "signatures": [{"vendor": "Bad", "domain": "b.example",
                                       "category": "analytics", "path": "/x",
                                       "body": ["api_key"]}]})  # fmt: skip
    with pytest.raises(ValueError, match=r"'Bad'.*'body' must map"):
        load_endpoints(text)


def test_url_signatures_still_come_first() -> None:
    url = "https://shop.example/mp/track/?ip=1&_=1700000000000"
    shape = _shape(*WIRE["mixpanel base64 form"][:2])
    found = _match(url, shape)
    assert found is not None and found.protocol == "Mixpanel ingestion" and not found.body
