"""Banner design rules over measured evidence: thresholds, and the policy switch with its reason."""

from __future__ import annotations

import pytest

from scanner.declared.loader import parse_declarations
from scanner.errors import ConfigError
from scanner.model import (
    BannerDesign,
    ConsentEvidence,
    ConsentState,
    ControlLook,
    Declarations,
    StateResult,
)
from scanner.model.banner import DESIGN_CHECKS
from scanner.model.findings import finding_kinds
from scanner.rules import evaluate
from scanner.rules.context import rule_context
from scanner.rules.design import CHECKS

REJECT = ConsentState.REJECT


def control(role: str, **values: object) -> ControlLook:
    base: dict[str, object] = {
        "role": role, "layer": "first", "text": role.title(), "tag": "button",
        "shape": "button", "area": 4000.0, "text_contrast": 7.0, "boundary_contrast": 5.0,
        "font_weight": 400, "font_size": 16.0,
    }  # fmt: skip
    return ControlLook(**(base | values))  # type: ignore[arg-type]


def kinds(reject: ControlLook, declarations: Declarations | None = None) -> dict[str, str]:
    design = BannerDesign((control("accept"), reject))
    state = StateResult(REJECT, ConsentEvidence(REJECT, True, design=design))
    found = evaluate(rule_context(declarations or Declarations(), (state,)))
    return {f.kind: f.message for f in found if f.kind in {*DESIGN_CHECKS, "banner_check_off"}}


def test_every_design_check_is_a_catalogued_kind_with_a_rule() -> None:
    assert set(CHECKS) == set(DESIGN_CHECKS)
    assert {*DESIGN_CHECKS, "banner_check_off"} <= set(finding_kinds())


def test_equal_controls_make_no_finding() -> None:
    assert kinds(control("reject")) == {}


@pytest.mark.parametrize(
    ("reject", "reason"),
    [
        (control("reject", area=1900.0), "area 2.1x the refusal's"),
        (control("reject", boundary_contrast=1.2, text_contrast=6.0), "fill/border contrast"),
        (control("reject", text_contrast=4.0), "refusal text contrast 4.00:1 below 4.5:1"),
    ],
)
def test_each_prominence_threshold(reject: ControlLook, reason: str) -> None:
    assert reason in kinds(reject)["accept_more_prominent"]


def test_just_under_the_thresholds_is_not_a_finding() -> None:
    near = control("reject", area=2001.0, boundary_contrast=3.0, text_contrast=4.5)
    assert kinds(near) == {}
    # a faint outline with text stronger than accept's is not flagged
    assert kinds(control("reject", boundary_contrast=1.2, text_contrast=15.0)) == {}
    # large text needs 3:1 only (WCAG 1.4.3)
    assert kinds(control("reject", text_contrast=3.5, font_size=24.0)) == {}


def test_policy_turns_a_check_off_and_the_reason_is_reported() -> None:
    text = (
        "site: https://shop.example.test/\npolicy:\n  banner_checks_off:\n"
        "    accept_more_prominent: brand colours approved by the DPO\n"
    )
    declarations = parse_declarations(text, "expected_cookies.yaml")
    assert declarations.policy.banner_checks_off == (
        ("accept_more_prominent", "brand colours approved by the DPO"),
    )
    found = kinds(control("reject", area=100.0), declarations)
    assert found == {
        "banner_check_off": "The banner check 'accept_more_prominent' is off by policy: "
        "brand colours approved by the DPO"
    }


def test_a_check_turned_off_needs_a_reason() -> None:
    text = "site: https://s.test/\npolicy:\n  banner_checks_off:\n    refusal_as_link: ''\n"
    with pytest.raises(ConfigError, match=r"banner_checks_off\.refusal_as_link"):
        parse_declarations(text, "expected_cookies.yaml")
