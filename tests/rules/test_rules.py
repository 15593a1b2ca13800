"""Rules over hand-built records: effective categories from declarations, knowledge and party."""

from __future__ import annotations

from sample_records import SITE, cookie, page, request, tracker

from scanner.judge.verdicts import Basis, classify_cookie
from scanner.knowledge import KnowledgeBase, KnownCookie, KnownTracker, MatchKind
from scanner.knowledge.cookies import CookieKnowledge
from scanner.knowledge.trackers import TrackerKnowledge
from scanner.model import (
    Category,
    ConsentEvidence,
    ConsentState,
    CookieDeclaration,
    CookieRecord,
    Declarations,
    Finding,
    Party,
    Phase,
    RequestRecord,
    Severity,
    StateResult,
    ThirdPartyDeclaration,
)
from scanner.model.findings import finding_kinds
from scanner.rules import RULES, RuleContext, evaluate
from scanner.rules.context import rule_context

A = Category.ANALYTICS
AD = Category.ADVERTISING


def known(
    name: str,
    vendor: str,
    category: Category,
    match: MatchKind = MatchKind.EXACT,
    domains: tuple[str, ...] = (),
) -> KnownCookie:
    return KnownCookie(
        name, match, name, vendor, category, domains, "1 year", None, False, "", f"Test DB #{name}"
    )


KB = KnowledgeBase(
    CookieKnowledge(
        [
            known("_ga", "Google Analytics", A),
            known("_ga_", "Google Analytics", A, MatchKind.PREFIX),
            known("_fbp", "Facebook", AD, domains=("facebook.com",)),
            known("sessionid", "Instagram", AD, domains=("instagram.com",)),
            known("csrftoken", "Django", Category.NECESSARY),
            known("PHPSESSID", "PHP", Category.FUNCTIONAL),
            known("tp", "Tailtarget", AD, MatchKind.PREFIX),
        ]
    ),
    TrackerKnowledge(
        [
            KnownTracker("google-analytics.com", "Google", A, "list: google-analytics.com"),
            KnownTracker("jsdelivr.net", "jsDelivr", Category.NECESSARY, "list: jsdelivr.net"),
        ]
    ),
    {"easyprivacy": "||trk.example.net^\n"},
)


def third(name: str, domain: str, **overrides: object) -> CookieRecord:
    return cookie(name, domain=domain, party=Party.THIRD, **overrides)


def ctx(
    cookies: tuple[CookieRecord, ...] = (),
    requests: tuple[RequestRecord, ...] = (),
    state: ConsentState = ConsentState.NONE,
    declarations: Declarations | None = None,
    kb: KnowledgeBase | None = KB,
) -> RuleContext:
    observation = page(state, cookies=cookies, requests=requests)
    result = StateResult(state, ConsentEvidence(state, True), (observation,))
    return rule_context(declarations or Declarations(), (result,), kb)


def of_kind(context: RuleContext, kind: str) -> list[Finding]:
    return [f for f in evaluate(context) if f.kind == kind]


def subjects(context: RuleContext, kind: str) -> set[str]:
    return {f.subject for f in of_kind(context, kind)}


def declared(name: str, category: Category, line: int = 5) -> Declarations:
    return Declarations(cookies=(CookieDeclaration(name, category, line),))


def test_a_known_analytics_cookie_before_consent_is_a_violation_even_first_party() -> None:
    found = of_kind(ctx((cookie("_ga"),)), "cookie_before_consent")
    assert [f.subject for f in found] == ["_ga @ shop.example.test"]
    evidence = dict(found[0].evidence)
    assert evidence["known_vendor"] == "Google Analytics"
    assert evidence["known_category"] == "analytics"
    assert evidence["classification_source"] == "Test DB #_ga"


def test_a_known_necessary_cookie_is_not_a_violation_but_still_undeclared() -> None:
    context = ctx((cookie("csrftoken"), cookie("PHPSESSID")))
    assert not of_kind(context, "cookie_before_consent")
    assert not of_kind(context, "unclassified_cookie")
    undeclared = {f.cookie_name: dict(f.evidence) for f in of_kind(context, "undeclared_cookie")}
    assert undeclared["csrftoken"]["known_category"] == "necessary"
    assert undeclared["PHPSESSID"]["known_vendor"] == "PHP"


def test_an_unknown_first_party_cookie_is_one_unclassified_finding_not_a_violation() -> None:
    context = ctx((cookie("ab_bucket"),))
    assert not of_kind(context, "cookie_before_consent")
    [review] = of_kind(context, "unclassified_cookie")
    assert review.severity is Severity.MEDIUM
    evidence = dict(review.evidence)
    assert evidence["category"] == "unclassified"
    assert "for review" in evidence["classification_source"]
    assert evidence["declared"].startswith("no")
    assert not of_kind(context, "undeclared_cookie")


def test_an_unknown_third_party_cookie_is_treated_as_non_necessary() -> None:
    context = ctx((third("zz_id", "px.tracker.test"),))
    [found] = of_kind(context, "cookie_before_consent")
    evidence = dict(found.evidence)
    assert evidence["category"] == "unknown"
    assert "treated as non-necessary" in evidence["classification_source"]
    assert not of_kind(context, "unclassified_cookie")


def test_the_declared_category_beats_the_known_one() -> None:
    context = ctx((cookie("_ga"),), declarations=declared("_ga", Category.NECESSARY, 7))
    assert not of_kind(context, "cookie_before_consent")
    assert not of_kind(context, "undeclared_cookie")
    [wrong] = of_kind(context, "miscategorized_cookie")
    assert wrong.declaration_line == 7
    assert dict(wrong.evidence)["declared_category"] == "necessary"
    assert "known as analytics" in wrong.message


def test_miscategorized_only_for_confident_exact_facts() -> None:
    cookies = (cookie("_ga_ABC"), cookie("sessionid"), cookie("_ga"), cookie("tpx"))
    decls = Declarations(
        cookies=(
            CookieDeclaration("_ga_*", Category.NECESSARY, 3),
            CookieDeclaration("sessionid", Category.NECESSARY, 4),
            CookieDeclaration("_ga", Category.ANALYTICS, 5),
            CookieDeclaration("tpx", Category.FUNCTIONAL, 6),
        )
    )
    assert not of_kind(ctx(cookies, declarations=decls), "miscategorized_cookie")


def test_a_generic_name_is_not_judged_by_another_vendors_entry() -> None:
    verdict = classify_cookie(cookie("sessionid"), None, KB)
    assert verdict.basis is Basis.UNCLASSIFIED and not verdict.non_necessary
    fbp = classify_cookie(cookie("_fbp"), None, KB)
    assert fbp.basis is Basis.KNOWN and fbp.category is AD and fbp.non_necessary
    short_prefix = classify_cookie(cookie("tp_session"), None, KB)
    assert short_prefix.basis is Basis.UNCLASSIFIED


def test_a_known_cookie_after_reject_is_a_violation() -> None:
    late = cookie("_fbp", phase=Phase.AFTER_CONSENT)
    context = ctx((late,), state=ConsentState.REJECT)
    [found] = of_kind(context, "cookie_after_reject")
    assert dict(found.evidence)["known_vendor"] == "Facebook"


def test_without_knowledge_party_alone_decides() -> None:
    context = ctx((cookie("_ga"), third("zz_id", "px.tracker.test")), kb=None)
    assert subjects(context, "cookie_before_consent") == {"zz_id @ px.tracker.test"}
    assert subjects(context, "unclassified_cookie") == {"_ga @ shop.example.test"}


def test_requests_take_the_known_tracker_category() -> None:
    requests = (
        tracker("https://www.google-analytics.com/g/collect", "google-analytics.com"),
        tracker("https://cdn.jsdelivr.net/npm/x.js", "jsdelivr.net"),
    )
    context = ctx(requests=requests)
    [found] = of_kind(context, "tracker_request_before_consent")
    assert found.subject == "google-analytics.com"
    assert dict(found.evidence)["known_vendor"] == "Google"
    undeclared = {f.subject: dict(f.evidence) for f in of_kind(context, "undeclared_third_party")}
    assert undeclared["jsdelivr.net"]["known_category"] == "necessary"
    assert undeclared["jsdelivr.net"]["classification_source"] == "list: jsdelivr.net"


def test_filter_list_hits_and_unknown_third_parties_need_consent() -> None:
    requests = (
        tracker("https://trk.example.net/p.gif", "example.net"),
        tracker("https://api.unknown.test/x.js", "unknown.test"),
        request(SITE + "app.js", resource_type="script"),
    )
    hits = of_kind(ctx(requests=requests), "tracker_request_before_consent")
    found = {f.subject: dict(f.evidence) for f in hits}
    assert set(found) == {"example.net", "unknown.test"}
    assert found["example.net"]["known_category"] == "analytics"
    assert found["example.net"]["classification_source"] == "easyprivacy: ||trk.example.net^"
    assert found["unknown.test"]["category"] == "unknown"


def test_a_declared_necessary_third_party_may_load_before_consent() -> None:
    allowed = ThirdPartyDeclaration("google-analytics.com", Category.NECESSARY, 9)
    decls = Declarations(third_parties=(allowed,))
    req = tracker("https://www.google-analytics.com/g/collect", "google-analytics.com")
    assert not of_kind(ctx(requests=(req,), declarations=decls), "tracker_request_before_consent")


def test_every_rule_kind_is_catalogued_with_its_severity() -> None:
    catalogue = finding_kinds()
    assert catalogue["unclassified_cookie"].severity is Severity.MEDIUM
    assert catalogue["miscategorized_cookie"].severity is Severity.MEDIUM
    names = {rule.__name__ for rule in RULES}
    assert names <= set(catalogue)
    assert {"unclassified_cookie", "miscategorized_cookie"} <= names
