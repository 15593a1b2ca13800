"""First-party endpoints speaking a vendor's protocol are judged and reported as the vendor's."""

from __future__ import annotations

from dataclasses import replace

from sample_records import SITE, page, request

from scanner.knowledge import load_knowledge
from scanner.model import (
    Category,
    ConsentEvidence,
    ConsentState,
    Declarations,
    Finding,
    Party,
    RequestRecord,
    StateResult,
    ThirdPartyDeclaration,
)
from scanner.rules import evaluate
from scanner.rules.context import rule_context

GA4 = "https://sgtm.example.test/g/collect?v=2&tid=G-XYZ&cid=1.2&en=page_view"
OWN = "https://shop.example.test/api/collect?id=4"  # the shop's own API, not a protocol


def _first_party(url: str) -> RequestRecord:
    host = url.split("/")[2]
    return request(url, host=host, resource_type="fetch", method="POST", party=Party.FIRST)


def _findings(*requests: RequestRecord, declarations: Declarations | None = None) -> list[Finding]:
    consent = ConsentEvidence(ConsentState.NONE, True)
    state = StateResult(ConsentState.NONE, consent, (page(ConsentState.NONE, requests=requests),))
    ctx = rule_context(declarations or Declarations(), (state,), load_knowledge())
    return list(evaluate(ctx))


def test_a_ga4_hit_on_a_first_party_subdomain_is_google_analytics_before_consent() -> None:
    found = {(f.kind, f.subject): f for f in _findings(_first_party(GA4), _first_party(OWN))}
    hit = found[("tracker_request_before_consent", "google-analytics.com")]
    evidence = dict(hit.evidence)
    assert evidence["via"] == f"via first-party endpoint {GA4}"
    assert evidence["host"] == "sgtm.example.test" and evidence["known_category"] == "analytics"
    assert ("undeclared_third_party", "google-analytics.com") in found
    assert not [k for k in found if k[1] in ("example.test", "shop.example.test")]


def test_the_vendors_declaration_covers_its_proxied_endpoint() -> None:
    declared = Declarations(
        third_parties=(ThirdPartyDeclaration("google-analytics.com", Category.ANALYTICS, 9),)
    )
    found = {(f.kind, f.subject): f for f in _findings(_first_party(GA4), declarations=declared)}
    assert ("undeclared_third_party", "google-analytics.com") not in found
    assert found[("tracker_request_before_consent", "google-analytics.com")].declaration_line == 9


def test_a_declared_necessary_vendor_is_not_a_violation() -> None:
    declared = Declarations(
        third_parties=(ThirdPartyDeclaration("google-analytics.com", Category.NECESSARY, 3),)
    )
    assert [f for f in _findings(_first_party(GA4), declarations=declared)
            if f.subject == "google-analytics.com"] == []  # fmt: skip
    assert SITE.startswith("https://")


def test_a_proxied_post_told_by_its_body_says_which_fields_matched() -> None:
    sent = replace(
        _first_party("https://shop.example.test/ingest/e/"),
        body_decoded_keys=("api_key", "batch", "sent_at"),
        body_how="gzip-compressed",
        body_values=(("api_key", "phc_Key123"),),
    )
    found = {(f.kind, f.subject): f for f in _findings(sent)}
    evidence = dict(found[("tracker_request_before_consent", "posthog.com")].evidence)
    assert evidence["protocol"] == "PostHog capture (batch)"
    assert evidence["body"] == "body keys api_key, batch (in a gzip-compressed body)"
    assert "phc_Key123" not in repr(found)  # a tested value is matched, never reported


def test_the_same_body_fields_without_the_tested_value_are_not_attributed() -> None:
    sent = replace(
        _first_party("https://shop.example.test/ingest/e/"),
        body_keys=("api_key", "batch"),
        body_values=(("api_key", "sk_live_1"),),
    )
    assert [f for f in _findings(sent) if f.subject == "posthog.com"] == []
