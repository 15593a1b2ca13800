"""The consent finding kinds, over hand-made consent evidence."""

from __future__ import annotations

from scanner.model import (
    IMPLIED_CHOICE,
    ConsentEvidence,
    ConsentState,
    Declarations,
    Observation,
    Party,
    Phase,
    RequestRecord,
    Severity,
    StateResult,
)
from scanner.model.findings import finding_kinds
from scanner.rules.consent import (
    CONSENT_RULES,
    consent_signal_mismatch,
    no_consent_banner,
    reject_harder_than_accept,
)
from scanner.rules.context import RuleContext, rule_context

ACCEPT, REJECT, NONE = ConsentState.ACCEPT, ConsentState.REJECT, ConsentState.NONE


def evidence(state: ConsentState, steps: int = 1, **signals: str) -> ConsentEvidence:
    pairs = tuple((k.replace("_", "."), v) for k, v in signals.items())
    return ConsentEvidence(
        state,
        True,
        "cmp-rule",
        tuple(f"s{i}" for i in range(steps)),
        page_url="https://shop.test/",
        cmp="OneTrust",
        signals=pairs,
    )


def ctx(*states: StateResult) -> RuleContext:
    return rule_context(Declarations(), states)


def test_kinds_are_catalogued() -> None:
    kinds = finding_kinds()
    assert {r.__name__ for r in CONSENT_RULES} <= set(kinds)
    assert kinds["reject_harder_than_accept"].severity is Severity.INFO


def test_reject_harder_than_accept_reports_step_counts() -> None:
    found = list(
        reject_harder_than_accept(
            ctx(StateResult(ACCEPT, evidence(ACCEPT, 1)), StateResult(REJECT, evidence(REJECT, 3)))
        )
    )
    assert len(found) == 1 and found[0].subject == "reject takes 3 steps, accept 1"
    same = ctx(StateResult(ACCEPT, evidence(ACCEPT, 1)), StateResult(REJECT, evidence(REJECT, 1)))
    assert not list(reject_harder_than_accept(same))


def test_no_step_count_when_the_site_accepted_on_its_own() -> None:
    """Nothing was clicked to accept (the site took a scroll as acceptance): no comparison."""
    implied = ConsentEvidence(ACCEPT, True, IMPLIED_CHOICE, page_url="https://shop.test/")
    both = ctx(StateResult(ACCEPT, implied), StateResult(REJECT, evidence(REJECT, 2)))
    assert not list(reject_harder_than_accept(both))


def test_signal_mismatch_after_reject_and_before_choice_once() -> None:
    reject = evidence(REJECT, gcs_after="G111", tcf_before_purposes="1", cmp_choice="reject")
    accept = evidence(ACCEPT, tcf_before_purposes="1", cmp_choice="accept")
    found = list(
        consent_signal_mismatch(ctx(StateResult(ACCEPT, accept), StateResult(REJECT, reject)))
    )
    subjects = sorted(f.subject for f in found)
    assert subjects == [
        "after reject: Google Consent Mode granted after reject (gcs=G111)",
        "before any choice: TCF purposes consented before any choice: 1",
    ]


def test_no_consent_banner_needs_trackers_and_no_banner() -> None:
    tracker = RequestRecord(
        "https://px.track.test/p.gif",
        "px.track.test",
        "track.test",
        Party.THIRD,
        "image",
        "GET",
        "https://shop.test/",
        None,
        200,
        None,
        Phase.BEFORE_CONSENT,
        "https://shop.test/",
    )
    none = StateResult(
        NONE,
        ConsentEvidence(NONE, True),
        (Observation(NONE, "https://shop.test/", 0, requests=(tracker,)),),
    )
    missing = ConsentEvidence(
        ACCEPT, False, detail="no banner", signals=(("banner", "not found"),), banner_seen=False
    )
    found = list(no_consent_banner(ctx(none, StateResult(ACCEPT, missing))))
    assert len(found) == 1 and "track.test" in dict(found[0].evidence)["third_parties"]
    seen = evidence(ACCEPT, banner="found")
    assert not list(no_consent_banner(ctx(none, StateResult(ACCEPT, seen))))
