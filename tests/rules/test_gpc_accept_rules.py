"""gpc-accept rules over hand-built records: what counts as an override, and what does not."""

from __future__ import annotations

from sample_records import SITE, page, tracker

from scanner.model import (
    Category,
    ConsentEvidence,
    ConsentState,
    Declarations,
    Finding,
    Phase,
    RequestRecord,
    ScanPolicy,
    StateResult,
    ThirdPartyDeclaration,
)
from scanner.rules import evaluate
from scanner.rules.context import rule_context

GPC, GPC_ACCEPT = ConsentState.GPC, ConsentState.GPC_ACCEPT
ADS = Declarations(third_parties=(ThirdPartyDeclaration("adx.test", Category.ADVERTISING, 7),))
KINDS = ("gpc_ignored", "gpc_overridden_by_accept", "gpc_override_declared")


def ad(phase: Phase = Phase.AFTER_CONSENT) -> RequestRecord:
    return tracker("https://px.adx.test/sync", "adx.test", phase)


def state(which: ConsentState, *requests: RequestRecord, **signals: str) -> StateResult:
    consent = ConsentEvidence(which, True, signals=tuple(signals.items()), page_url=SITE)
    return StateResult(which, consent, (page(which, requests=requests),))


def gpc_findings(*states: StateResult, declarations: Declarations = ADS) -> list[Finding]:
    found = evaluate(rule_context(declarations, states))
    return [f for f in found if f.kind in KINDS]


def test_the_accept_turned_ads_on_and_the_cmp_signals_are_compared() -> None:
    (found,) = gpc_findings(
        state(GPC, **{"usp.string": "1YYN", "gpc.navigator": "true"}),
        state(GPC_ACCEPT, ad(Phase.BEFORE_CONSENT), ad(), **{"usp.string": "1YNN"}),
    )
    evidence = dict(found.evidence)
    assert (found.kind, found.subject, found.state) == (
        "gpc_overridden_by_accept",
        "adx.test",
        GPC_ACCEPT,
    )
    assert evidence["requests"] == "1" and evidence["before_accept"] == "also active"
    assert evidence["usp.string"] == "1YYN in gpc, 1YNN after accept"
    assert "gpc.navigator" not in evidence  # only the consent manager's signals are compared


def test_ads_already_active_under_gpc_alone_are_gpc_ignored_not_an_override() -> None:
    found = gpc_findings(state(GPC, ad(Phase.BEFORE_CONSENT)), state(GPC_ACCEPT, ad()))
    assert [(f.kind, f.state) for f in found] == [("gpc_ignored", GPC)]


def test_a_declared_override_points_at_its_line() -> None:
    policy = ScanPolicy(line=20, accept_overrides_gpc=True, accept_overrides_gpc_line=21)
    declared = Declarations(path="shop.yaml", third_parties=ADS.third_parties, policy=policy)
    (found,) = gpc_findings(state(GPC_ACCEPT, ad()), declarations=declared)
    assert (found.kind, found.severity.value, found.declaration_line) == (
        "gpc_override_declared",
        "info",
        21,
    )
    assert dict(found.evidence)["accept_overrides_gpc"].endswith("(shop.yaml:21)")
    assert dict(found.evidence)["gpc_state"] == "not compared (the gpc state was not scanned)"


def test_no_finding_without_ads_after_the_accept_or_without_the_state() -> None:
    assert gpc_findings(state(GPC), state(GPC_ACCEPT, ad(Phase.BEFORE_CONSENT))) == []
    assert gpc_findings(state(GPC), state(ConsentState.ACCEPT, ad())) == []


def test_a_gpc_state_does_not_hide_a_missing_banner() -> None:
    no_banner = ConsentEvidence(ConsentState.ACCEPT, False, banner_seen=False)
    states = (
        StateResult(ConsentState.ACCEPT, no_banner, (page(ConsentState.ACCEPT, requests=(ad(),)),)),
        state(GPC),
    )
    assert [f.kind for f in evaluate(rule_context(ADS, states))].count("no_consent_banner") == 1
