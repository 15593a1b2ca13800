"""The ``policy`` section: parsing at file:line, and what it changes in the findings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sample_records import SITE, cookie, page, tracker

from scanner.declared.loader import parse_declarations
from scanner.errors import ConfigError
from scanner.model import (
    Category,
    ConsentEvidence,
    ConsentState,
    CookieDeclaration,
    Declarations,
    Finding,
    Party,
    Phase,
    ScanPolicy,
    StateResult,
    Waiver,
)
from scanner.pipeline.result import build_result
from scanner.rules import THIRTEEN_MONTHS, evaluate
from scanner.rules.context import rule_context
from scanner.rules.policy_gate import POLICY_OWNER, apply_policy, domain_allowed
from scanner.settings.config import ScanConfig

POLICY = """\
site: https://shop.example.test/
policy:
  max_lifetime: 6 months
  allow_first_party_analytics_before_consent: true
  always_allowed_third_parties:
    - cdnhub.test
    - "*.cloudfront.net"
  fail_on: High
  accept_overrides_gpc: true
"""
SIX_MONTHS = 15_778_800


def test_the_policy_section_is_parsed() -> None:
    policy = parse_declarations(POLICY, "expected_cookies.yaml").policy
    assert policy == ScanPolicy(
        max_lifetime=SIX_MONTHS,
        max_lifetime_text="6 months",
        allow_first_party_analytics_before_consent=True,
        always_allowed_third_parties=("cdnhub.test", "*.cloudfront.net"),
        fail_on="high",
        line=3,
        accept_overrides_gpc=True,
        accept_overrides_gpc_line=9,
    )


def test_no_policy_section_means_the_defaults() -> None:
    assert parse_declarations("site: https://a.example/").policy == ScanPolicy()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("6 months", "6 moons", ":3: policy.max_lifetime: cannot read '6 moons'"),
        ("6 months", "session", ":3: policy.max_lifetime: expected a duration"),
        ("consent: true", "consent: sometimes", ":4: policy.allow_first_party_analytics_before"),
        ("- cdnhub.test", "- https://cdn/", ":6: policy.always_allowed_third_parties[0]: "),
        ("fail_on: High", "fail_on: critical", ":8: policy.fail_on: 'critical' is not a sev"),
        (
            "gpc: true",
            "gpc: after accept",
            ":9: policy.accept_overrides_gpc: expected true or false, got 'after accept'",
        ),
        ("policy:\n", "policy: strict\npolicy_:\n", ":2: policy: expected a mapping, got a string"),
    ],
)
def test_bad_policies_name_file_line_and_key(old: str, new: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_declarations(POLICY.replace(old, new, 1), "expected_cookies.yaml")
    assert f"expected_cookies.yaml{expected}" in str(caught.value)


def test_unknown_policy_keys_warn() -> None:
    warnings: list[str] = []
    parse_declarations(POLICY + "  max_lifetimes: 1 year\n", "p.yaml", warnings.append)
    assert warnings == [
        "p.yaml:10: unknown key 'max_lifetimes' in policy (ignored); did you mean 'max_lifetime'?"
    ]


def _states(*records: object) -> tuple[StateResult, ...]:
    """A NONE and a REJECT state holding the given cookie and request records."""
    cookies = tuple(r for r in records if hasattr(r, "value_digest"))
    requests = tuple(r for r in records if hasattr(r, "resource_type"))
    out = []
    for state in (ConsentState.NONE, ConsentState.REJECT):
        evidence = ConsentEvidence(state, True, strategy="declared")
        phase = Phase.BEFORE_CONSENT if state is ConsentState.NONE else Phase.AFTER_CONSENT
        obs = page(
            state,
            cookies=tuple(replace(c, phase=phase) for c in cookies),  # type: ignore[type-var]
            requests=tuple(replace(r, phase=phase) for r in requests),  # type: ignore[type-var]
        )
        out.append(StateResult(state, evidence, (obs,)))
    return tuple(out)


GA = cookie("_ga", domain=".shop.example.test", lifetime_requested=THIRTEEN_MONTHS * 2)
GA_DECL = CookieDeclaration("_ga", Category.ANALYTICS, 12, "Google")
CDN = tracker("https://static.cdnhub.test/ui.js", "cdnhub.test")
ADS = tracker("https://ads.adnetwork.test/pixel.js", "adnetwork.test")


def _judged(policy: ScanPolicy) -> tuple[Finding, ...]:
    decls = Declarations(cookies=(GA_DECL,), policy=policy)
    ctx = rule_context(decls, _states(GA, CDN, ADS))
    return apply_policy(evaluate(ctx), ctx)


def _waived(findings: tuple[Finding, ...]) -> set[tuple[str, str, str]]:
    return {(f.kind, f.state or "", f.subject) for f in findings if f.waiver is not None}


def test_without_a_policy_nothing_is_waived() -> None:
    findings = _judged(ScanPolicy())
    assert _waived(findings) == set()
    assert {"cookie_before_consent", "tracker_request_before_consent"} <= {f.kind for f in findings}


def test_always_allowed_third_parties_are_waived_by_the_policy() -> None:
    findings = _judged(ScanPolicy(always_allowed_third_parties=("cdnhub.test",), line=7))
    waived = [f for f in findings if f.waiver is not None]
    assert {f.kind for f in waived} == {
        "undeclared_third_party",
        "tracker_request_before_consent",
        "tracker_request_after_reject",
    }
    assert all(f.request_domain == "cdnhub.test" for f in waived)
    assert waived[0].waiver == Waiver(
        waived[0].kind,
        waived[0].subject,
        "policy: always_allowed_third_parties lists 'cdnhub.test'",
        POLICY_OWNER,
        "never",
        7,
        waived[0].state,
    )
    ads = [f for f in findings if f.request_domain == "adnetwork.test"]
    assert ads and all(f.waiver is None for f in ads)


def test_domain_patterns() -> None:
    assert domain_allowed("static.cdnhub.test", "cdnhub.test")
    assert domain_allowed("cdnhub.test", "cdnhub.test")
    assert not domain_allowed("evilcdnhub.test", "cdnhub.test")
    assert domain_allowed("d1.cloudfront.net", "*.cloudfront.net")


def test_first_party_analytics_before_consent_can_be_tolerated() -> None:
    findings = _judged(ScanPolicy(allow_first_party_analytics_before_consent=True))
    assert _waived(findings) == {("cookie_before_consent", "none", "_ga @ .shop.example.test")}
    after_reject = [f for f in findings if f.kind == "cookie_after_reject"]
    assert after_reject and after_reject[0].waiver is None


def test_third_party_analytics_before_consent_is_never_tolerated() -> None:
    third = replace(GA, domain=".tracker.test", party=Party.THIRD)
    decls = Declarations(
        cookies=(replace(GA_DECL, domain="tracker.test"),),
        policy=ScanPolicy(allow_first_party_analytics_before_consent=True),
    )
    ctx = rule_context(decls, _states(third))
    before = [f for f in apply_policy(evaluate(ctx), ctx) if f.kind == "cookie_before_consent"]
    assert before and before[0].waiver is None


def test_max_lifetime_sets_the_lifetime_rule_limit() -> None:
    assert rule_context(Declarations(), ()).max_lifetime == THIRTEEN_MONTHS
    year = cookie("_ga", lifetime_requested=31_557_600)  # 1 year: fine by default
    default = evaluate(rule_context(Declarations(), _states(year)))
    assert not [f for f in default if f.kind == "lifetime_over_13_months"]
    strict = Declarations(policy=ScanPolicy(max_lifetime=SIX_MONTHS))
    over = [
        f
        for f in evaluate(rule_context(strict, _states(year)))
        if f.kind == "lifetime_over_13_months"
    ]
    assert len(over) == 1
    assert dict(over[0].evidence)["limit"] == "6 months"


def test_build_result_applies_policy_and_waivers() -> None:
    waivers = (
        Waiver("tracker_request_*", "adnetwork.test", "contract", "ads-team", "2999-01-01", 20),
        Waiver("undeclared_cookie", "nothing", "old", "ads-team", "2999-01-01", 25),
        Waiver("page_failed", "*", "old", "ads-team", "2000-01-01", 30),
    )
    policy = ScanPolicy(always_allowed_third_parties=("cdnhub.test",), line=3)
    decls = Declarations(cookies=(GA_DECL,), waivers=waivers, policy=policy)
    config = ScanConfig(targets=(SITE,), declarations=decls, out_dir=Path("unused"))
    result = build_result(config, _states(GA, CDN, ADS), "2025-01-15T10:00:00Z", "Chromium")
    owners = {(f.kind, f.request_domain): f.waiver.owner for f in result.findings if f.waiver}
    assert owners[("tracker_request_before_consent", "cdnhub.test")] == POLICY_OWNER
    assert owners[("tracker_request_before_consent", "adnetwork.test")] == "ads-team"
    kinds = [f.kind for f in result.findings]
    assert kinds.count("waiver_stale") == 1
    assert kinds.count("waiver_expired") == 1
    assert result.declarations.policy == policy
