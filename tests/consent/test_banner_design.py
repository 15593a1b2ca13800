"""Banner design in the real Chromium: local pages built like the EDPB taskforce's patterns."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_driver import EngineDriver, engine_driver

from scanner.consent.engine import ConsentEngine
from scanner.demo.server import LocalSite
from scanner.model import ConsentControls, ConsentEvidence, ConsentState, Declarations, StateResult
from scanner.model.banner import DESIGN_CHECKS
from scanner.rules import RULES
from scanner.rules.context import rule_context

pytestmark = pytest.mark.browser
SITE = Path(__file__).parents[1] / "sites" / "banners"
HOST = "www.banner-patterns.test"
ACCEPT, REJECT = ConsentState.ACCEPT, ConsentState.REJECT
WATCHED = {*DESIGN_CHECKS, "consent_not_applied"}


@pytest.fixture(scope="module")
def driver() -> Iterator[EngineDriver]:
    with LocalSite(SITE) as site, engine_driver(site) as d:
        yield d


def scan(driver: EngineDriver, path: str) -> dict[ConsentState, ConsentEvidence]:
    """Both choices on ``path``, by the engine alone (no declared selectors)."""
    engine = ConsentEngine(ConsentControls(), 2.0)
    return {s: driver.run(driver.apply(engine, HOST, s, path)) for s in (ACCEPT, REJECT)}


def findings(evidence: dict[ConsentState, ConsentEvidence]) -> dict[str, list[str]]:
    """The design findings (and consent_not_applied) the rules make of the evidence."""
    states = tuple(StateResult(state, consent) for state, consent in evidence.items())
    ctx = rule_context(Declarations(), states)
    out: dict[str, list[str]] = {}
    for rule in RULES:
        for f in rule(ctx):
            if f.kind in WATCHED:
                out.setdefault(f.kind, []).append(f.subject)
    return out


def test_equal_buttons_and_a_way_back_make_no_design_finding(driver: EngineDriver) -> None:
    evidence = scan(driver, "/equal")
    assert all(e.applied for e in evidence.values())
    design = evidence[ACCEPT].design
    assert design is not None and design.reopened is True, design
    accept, reject = design.control("first", "accept"), design.control("first", "reject")
    assert accept and reject and accept.shape == reject.shape == "button"
    assert evidence[REJECT].rule_set.startswith("cookiescan wording heuristic")
    assert findings(evidence) == {}


def test_refusal_as_an_inline_link(driver: EngineDriver) -> None:
    evidence = scan(driver, "/link")
    design = evidence[REJECT].design
    assert design is not None and design.outlined
    refusal = design.control("first", "reject")
    assert refusal is not None and (refusal.shape, refusal.tag) == ("link", "a")
    found = findings(evidence)
    assert found["refusal_as_link"] == [
        "first layer: refusal 'continue without accepting' is a link, accept a button"
    ]
    assert set(found) == {"refusal_as_link"}  # its text is as legible as accept's


def test_accept_several_times_larger_and_stronger_than_refusal(driver: EngineDriver) -> None:
    evidence = scan(driver, "/prominent")
    found = findings(evidence)
    assert set(found) == {"accept_more_prominent"}
    design = evidence[REJECT].design
    assert design is not None
    accept, reject = design.control("first", "accept"), design.control("first", "reject")
    assert accept and reject and accept.area >= 3 * reject.area
    assert accept.boundary_contrast >= 3 > reject.boundary_contrast
    assert reject.text_contrast < 4.5 <= accept.text_contrast


def test_preticked_purposes_and_legitimate_interest_in_the_settings_layer(
    driver: EngineDriver,
) -> None:
    evidence = scan(driver, "/preticked")
    assert evidence[REJECT].applied and len(evidence[REJECT].steps) == 2
    design = evidence[REJECT].design
    assert design is not None
    on = {t.label: t for t in design.toggles if t.checked}
    assert set(on) == {
        "Strictly necessary", "Analytics", "Personalised advertising",
        "Legitimate interest: content measurement",
    }  # fmt: skip
    found = findings(evidence)
    assert found == {
        "purposes_preticked": ["settings layer: 2 non-necessary purpose(s) on"],
        "legitimate_interest_on": ["settings layer: 1 legitimate-interest toggle(s) on"],
    }


def test_no_way_to_reopen_the_settings(driver: EngineDriver) -> None:
    evidence = scan(driver, "/noreopen")
    design = evidence[ACCEPT].design
    assert design is not None and design.reopened is False
    assert findings(evidence) == {
        "consent_not_withdrawable": ["no way back to the consent settings"]
    }


def test_pay_or_accept_wall_is_no_refusal_offered(driver: EngineDriver) -> None:
    evidence = scan(driver, "/paywall")
    reject = evidence[REJECT]
    assert not reject.applied
    assert reject.detail.startswith("no refusal offered: a pay-or-accept wall")
    assert "the reject state could not be tested" in reject.detail
    assert reject.design is not None and reject.design.pay_wall is not None
    assert reject.design.pay_wall.offer == "Subscribe for €2.99 a month"
    assert findings(evidence) == {
        "pay_or_accept_wall": [
            "no refusal offered: 'Accept and continue' or 'Subscribe for €2.99 a month'"
        ]
    }


def test_banner_in_a_closed_shadow_root_is_reached_through_devtools(driver: EngineDriver) -> None:
    evidence = scan(driver, "/closed")
    for state, consent in evidence.items():
        assert consent.applied, (state, consent.detail)
        assert "closed shadow root reached through devtools" in consent.steps[0]
    design = evidence[REJECT].design
    assert design is not None
    reject = design.control("first", "reject")
    assert reject is not None and reject.reached == "devtools"
    assert findings(evidence) == {}
