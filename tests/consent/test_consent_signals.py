"""Consent signal parsing and the self-test verdict, without a browser."""

from __future__ import annotations

from scanner.consent.cmp_rules import load_cmp_rules
from scanner.consent.selftest import after_choice_problems, before_choice_problems, verdict
from scanner.consent.signal_codes import gcd_states, request_signals
from scanner.consent.words import load_words
from scanner.model import ConsentState

REQUIRED_CMPS = {
    "onetrust",
    "cookiebot",
    "didomi",
    "usercentrics",
    "quantcast",
    "trustarc",
    "sourcepoint",
    "consentmanager",
    "funding_choices",
    "cookieyes",
    "complianz",
    "osano",
    "klaro",
    "iubenda",
    "borlabs",
    "termly",
    "axeptio",
    "tarteaucitron",
    "cookie_script",
    "vanilla_cookieconsent",
    "cookiefirst",
}


def test_every_required_cmp_has_detection_controls_and_a_choice_reader() -> None:
    rules = {r.key: r for r in load_cmp_rules()}
    assert set(rules) >= REQUIRED_CMPS
    for rule in rules.values():
        assert rule.detect and rule.banner and rule.choice, rule.key
        assert rule.accept and rule.reject, rule.key
        assert all(path and all(path) for path in rule.accept + rule.reject), rule.key


def test_words_cover_every_eu_language_plus_albanian_norwegian_turkish() -> None:
    words = load_words()
    for phrase in (
        "godta alle",
        "avvis alle",
        "tümünü reddet",
        "prano të gjitha",
        "odbij sve",
        "noraidīt visas",
        "sprejmi vse",
        "irrifjuta kollox",
        "keeldu kõigist",
    ):
        assert phrase in words.accept + words.reject


def test_gcd_letters_give_the_final_state() -> None:
    assert gcd_states("13r3p3v3l5") == {
        "ad_storage": "granted",
        "analytics_storage": "denied",
        "ad_user_data": "granted",
    }


def test_request_signals_split_at_the_consent_action() -> None:
    urls = [
        (1.0, "https://www.google-analytics.com/g/collect?v=2&gcs=G100&gcd=13q3q3q3q5"),
        (3.0, "https://www.google-analytics.com/g/collect?v=2&gcs=G111"),
        (4.0, "https://example.test/?gcs=<script>"),
    ]
    signals = dict(request_signals(urls, acted_at=2.0))
    assert signals["gcs.before"] == "G100" and signals["gcs.after"] == "G111"
    assert signals["gcd.before.ad_storage"] == "denied"
    assert "<script>" not in str(signals)


def test_reject_with_granted_signals_fails_the_self_test() -> None:
    signals = {
        "banner.after": "gone",
        "cmp.choice": "reject",
        "gcs.after": "G101",
        "tcf.after.purposes": "1,2",
    }
    problems = after_choice_problems(ConsentState.REJECT, signals)
    assert len(problems) == 2
    assert verdict(ConsentState.REJECT, True, signals).startswith("failed")


def test_agreeing_signals_pass_and_before_choice_leaks_are_reported() -> None:
    signals = {
        "banner.after": "gone",
        "cmp.choice": "accept",
        "gcs.after": "G111",
        "tcf.after.purposes": "1,2",
        "tcf.before.purposes": "1",
        "gcs.before": "G110",
    }
    assert verdict(ConsentState.ACCEPT, True, signals).startswith("passed (banner gone")
    assert len(before_choice_problems(signals)) == 2
    assert verdict(ConsentState.ACCEPT, False, signals).startswith("not run")
