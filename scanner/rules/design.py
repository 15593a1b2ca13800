"""Banner design rules (EDPB cookie banner taskforce, 2023): one small function per finding kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from scanner.consent.design_data import DesignData, load_design_data
from scanner.model import ConsentState, ControlLook, Finding, StateResult
from scanner.model.findings import finding
from scanner.rules.context import RuleContext

OUTLINE = "controls outlined: accept magenta, refusal blue, settings orange"
LAYERS = ("first", "settings")


def _acting(ctx: RuleContext) -> list[StateResult]:
    """Acting states with a measured design, reject first (its banner is the one refused)."""
    order = sorted(ctx.states, key=lambda s: s.state is not ConsentState.REJECT)
    return [s for s in order if s.state.chooses and s.consent.design is not None]


def _pairs(ctx: RuleContext) -> Iterator[tuple[StateResult, str, ControlLook, ControlLook]]:
    """Per layer, the first state whose design has both an accept and a reject control."""
    for layer in LAYERS:
        for result in _acting(ctx):
            design = result.consent.design
            accept = design.control(layer, "accept") if design else None
            reject = design.control(layer, "reject") if design else None
            if accept is not None and reject is not None:
                yield result, layer, accept, reject
                break


def look(control: ControlLook) -> str:
    """A control's measured values, for evidence."""
    via = "" if control.reached == "page" else f", reached through {control.reached}"
    return (f"'{control.text}' <{control.tag}> {control.shape}, {control.area:.0f} px², "
            f"text contrast {control.text_contrast:.2f}:1, fill/border contrast "
            f"{control.boundary_contrast:.2f}:1, font weight {control.font_weight}, "
            f"{control.font_size:g} px{via}")  # fmt: skip


def _evidence(result: StateResult, *pairs: tuple[str, str]) -> list[tuple[str, str]]:
    design = result.consent.design
    shot = (f"the {result.state.value} state's banner screenshot ({OUTLINE})"
            if design and design.outlined and result.consent.screenshot else "none")  # fmt: skip
    return [*pairs, ("cmp", result.consent.cmp or "unknown"), ("screenshot", shot)]


def refusal_as_link(ctx: RuleContext) -> Iterator[Finding]:
    """Accepting is a button; refusing is only a link or plain text ("deceptive link design")."""
    for result, layer, accept, reject in _pairs(ctx):
        if accept.shape != "button" or reject.shape == "button":
            continue
        yield finding(
            "refusal_as_link", result.state, result.consent.page_url,
            f"{layer} layer: refusal '{reject.text}' is a {reject.shape}, accept a button",
            f"On the {layer} layer, accepting is a button but refusing is offered only as a "
            f"{reject.shape} ('{reject.text}').",
            _evidence(result, ("accept", look(accept)), ("refusal", look(reject))),
        )  # fmt: skip


def prominence(accept: ControlLook, reject: ControlLook, data: DesignData) -> list[str]:
    """Why accepting stands out over refusing, by the documented thresholds (empty: it does not)."""
    reasons = []
    area = accept.area / reject.area if reject.area else float("inf")
    if area >= data.limit("area_ratio"):
        reasons.append(f"area {area:.1f}x the refusal's (threshold {data.limit('area_ratio'):g}x)")
    boundary = data.limit("boundary_contrast")
    stronger_text = reject.text_contrast > accept.text_contrast  # a faint outline, strong text
    if accept.boundary_contrast >= boundary > reject.boundary_contrast and not stronger_text:
        accept_c, reject_c = accept.boundary_contrast, reject.boundary_contrast
        reasons.append(f"fill/border contrast {accept_c:.2f}:1 against {reject_c:.2f}:1 "
                       f"(WCAG 1.4.11: {boundary:g}:1)")  # fmt: skip
    need = _text_needs(reject, data)
    if accept.text_contrast >= need > reject.text_contrast:
        reasons.append(f"refusal text contrast {reject.text_contrast:.2f}:1 below {need:g}:1 "
                       f"(WCAG 1.4.3), accept {accept.text_contrast:.2f}:1")  # fmt: skip
    return reasons


def _text_needs(control: ControlLook, data: DesignData) -> float:
    large = control.font_size >= data.limit("large_text_px") or (
        control.font_weight >= 700 and control.font_size >= data.limit("large_bold_text_px")
    )
    return data.limit("large_text_contrast" if large else "text_contrast")


def accept_more_prominent(ctx: RuleContext) -> Iterator[Finding]:
    """Accepting is made far more visible than refusing (size, colour contrast)."""
    data = load_design_data()
    for result, layer, accept, reject in _pairs(ctx):
        reasons = prominence(accept, reject, data)
        if not reasons:
            continue
        weight = accept.font_weight - reject.font_weight
        bolder = f"{weight} heavier" if weight >= data.limit("font_weight_gap") else "no gap"
        yield finding(
            "accept_more_prominent", result.state, result.consent.page_url,
            f"{layer} layer: '{accept.text}' over '{reject.text}'",
            f"On the {layer} layer, accepting stands out over refusing: {'; '.join(reasons)}.",
            _evidence(result, ("accept", look(accept)), ("refusal", look(reject)),
                      ("reasons", "; ".join(reasons)), ("font_weight_gap", bolder)),
        )  # fmt: skip


def _toggles(ctx: RuleContext, legitimate: bool) -> Iterator[Finding]:
    kind = "legitimate_interest_on" if legitimate else "purposes_preticked"
    for result in _acting(ctx):
        design = result.consent.design
        on = [t for t in design.toggles if t.checked and not t.necessary] if design else []
        on = [t for t in on if t.legitimate_interest is legitimate]
        if not on:
            continue
        labels = ", ".join(f"'{t.label}'" for t in on[:10])
        via = ", ".join(sorted({t.reached for t in on}))
        what = "legitimate-interest toggle(s)" if legitimate else "non-necessary purpose(s)"
        yield finding(
            kind, result.state, result.consent.page_url,
            f"{on[0].layer} layer: {len(on)} {what} on",
            f"The {on[0].layer} layer shows {len(on)} {what} switched on before any choice: "
            f"{labels}.",
            _evidence(result, ("toggles_on", labels), ("read", f"before saving, via {via}"),
                      ("toggles_seen", str(len(design.toggles) if design else 0))),
        )  # fmt: skip
        return


def purposes_preticked(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary purposes ticked in advance (Planet49: a pre-ticked box is no consent)."""
    yield from _toggles(ctx, legitimate=False)


def legitimate_interest_on(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary purposes switched on as "legitimate interest", so refusing misses them."""
    yield from _toggles(ctx, legitimate=True)


def consent_not_withdrawable(ctx: RuleContext) -> Iterator[Finding]:
    """After accepting, no floating button or link brought the consent settings back."""
    for result in _acting(ctx):
        design = result.consent.design
        if design is None or design.reopened is not False:
            continue
        yield finding(
            "consent_not_withdrawable", result.state, result.consent.page_url,
            "no way back to the consent settings",
            "After the choice, no visible control reopened the consent settings: withdrawing "
            f"consent is not as easy as giving it ({design.reopen}).",
            _evidence(result, ("reopen", design.reopen or "")),
        )  # fmt: skip
        return


def pay_or_accept_wall(ctx: RuleContext) -> Iterator[Finding]:
    """Accept or pay, no refusal: the reject state is recorded as "no refusal offered"."""
    for result in _acting(ctx):
        wall = result.consent.design.pay_wall if result.consent.design else None
        if wall is None:
            continue
        yield finding(
            "pay_or_accept_wall", result.state, result.consent.page_url,
            f"no refusal offered: '{wall.accept}' or '{wall.offer}'",
            "The banner offers accepting or a paid alternative and no refusal, so the "
            f"'{result.state.value}' state could not be tested (it is not counted as a failure "
            "to operate the banner).",
            _evidence(result, ("accept", wall.accept), ("offer", wall.offer),
                      ("wall_text", wall.text)),
        )  # fmt: skip


Rule = Callable[[RuleContext], Iterable[Finding]]
CHECKS: dict[str, Rule] = {
    "refusal_as_link": refusal_as_link,
    "accept_more_prominent": accept_more_prominent,
    "purposes_preticked": purposes_preticked,
    "legitimate_interest_on": legitimate_interest_on,
    "consent_not_withdrawable": consent_not_withdrawable,
    "pay_or_accept_wall": pay_or_accept_wall,
}
