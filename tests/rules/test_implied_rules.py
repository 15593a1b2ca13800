"""Consent inferred from the scanner's interaction: one finding per state and signal, saying
in which state (and where in it) it was seen."""

from __future__ import annotations

from scanner.model import (
    IMPLIED_CHOICE,
    ConsentEvidence,
    ConsentState,
    Declarations,
    ImpliedConsent,
    InteractionStep,
    Observation,
    StateResult,
)
from scanner.rules.context import rule_context
from scanner.rules.implied import consent_inferred_from_interaction

URL = "https://shop.test/"
AT = 100.0


def _state(state: ConsentState, strategy: str | None = "cmp-rule") -> StateResult:
    implied = ImpliedConsent("scroll", "cmp.choice", "absent", "accept (CMP)", AT, ("t.test",))
    page = Observation(
        state,
        URL,
        0,
        interaction=(InteractionStep("scroll", AT, "3 steps to 100% of the page"),),
        implied_consent=(implied,),
    )
    consent = ConsentEvidence(state, True, strategy if state.chooses else None)
    return StateResult(state, consent, (page,))


def _detected_in(*states: StateResult) -> dict[ConsentState, str]:
    ctx = rule_context(Declarations(), states)
    found = list(consent_inferred_from_interaction(ctx))
    assert all(f.subject == "cmp.choice after scroll" for f in found)
    return {f.state: dict(f.evidence)["detected_in"] for f in found if f.state is not None}


def test_each_state_says_where_the_consent_was_inferred() -> None:
    none, accept = _state(ConsentState.NONE), _state(ConsentState.ACCEPT)
    assert _detected_in(none, accept) == {
        ConsentState.NONE: "none (no consent choice is made in this state)",
        ConsentState.ACCEPT: "accept, on the landing page while the banner was shown, "
        "before the accept click",
    }


def test_an_accept_the_site_made_itself_says_nothing_was_clicked() -> None:
    accept = _state(ConsentState.ACCEPT, IMPLIED_CHOICE)
    assert _detected_in(accept)[ConsentState.ACCEPT].endswith(
        "before the accept click (the banner went away; nothing was clicked)"
    )


def test_the_evidence_names_the_interaction_and_the_signal() -> None:
    ctx = rule_context(Declarations(), (_state(ConsentState.ACCEPT),))
    evidence = dict(next(iter(consent_inferred_from_interaction(ctx))).evidence)
    assert evidence["interaction"] == "scroll (3 steps to 100% of the page)"
    assert (evidence["signal"], evidence["before"], evidence["after"]) == (
        "cmp.choice",
        "absent",
        "accept (CMP)",
    )
    assert evidence["followed_by"] == "t.test"
