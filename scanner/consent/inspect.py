"""Say which CMP a page shows and which controls the engine would use, without clicking."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Page

from scanner.consent.autoconsent import run_autoconsent
from scanner.consent.cmp import is_ready
from scanner.consent.cmp_rules import CmpRule
from scanner.consent.dom import describe, find_selector, find_text
from scanner.consent.engine import AUTOCONSENT_FIND_S, ConsentEngine, Sighting
from scanner.model import ConsentState


@dataclass(frozen=True, slots=True)
class ConsentPlan:
    """What the engine found and would click for each choice."""

    cmp: str | None
    ready: bool | None
    strategy: str | None
    accept: tuple[str, ...]
    reject: tuple[str, ...]
    note: str = ""


async def _rule_controls(page: Page, rule: CmpRule, state: ConsentState) -> tuple[str, ...]:
    for path in rule.paths(state):
        if await find_selector(page, path[0]) is not None:
            return path
    call = rule.api_call(state)
    return (f"api: {call}",) if call else ()


async def _heuristic_controls(
    engine: ConsentEngine, page: Page, state: ConsentState
) -> tuple[str, ...]:
    words = engine.words
    primary = words.accept if state is ConsentState.ACCEPT else words.reject
    found = await find_text(page, primary)
    if found is not None:
        return (describe(found, page),)
    settings = await find_text(page, words.settings) if state is ConsentState.REJECT else None
    return (describe(settings, page), "(then reject or save on the next layer)") if settings else ()


async def plan_consent(engine: ConsentEngine, page: Page) -> ConsentPlan:
    """Detect the banner (waiting the engine's banner wait) and list accept / reject controls."""
    sighting: Sighting = await engine.sight(page, ConsentState.ACCEPT)
    rule = sighting.rule
    if engine.controls.accept or engine.controls.reject:
        return ConsentPlan(rule.name if rule else None, None, "declared",
                           engine.controls.accept, engine.controls.reject)  # fmt: skip
    if rule is not None:
        accept = await _rule_controls(page, rule, ConsentState.ACCEPT)
        reject = await _rule_controls(page, rule, ConsentState.REJECT)
        if accept or reject:
            return ConsentPlan(rule.name, await is_ready(page, rule), "cmp-rule", accept, reject)
    if engine.autoconsent is not None:
        name, _ = await run_autoconsent(page, engine.autoconsent, None, AUTOCONSENT_FIND_S, 0)
        if name:
            return ConsentPlan(name, None, "autoconsent", (), (), "autoconsent's own rule")
    accept = await _heuristic_controls(engine, page, ConsentState.ACCEPT)
    reject = await _heuristic_controls(engine, page, ConsentState.REJECT)
    if accept or reject:
        return ConsentPlan(rule.name if rule else None, None, "heuristic", accept, reject)
    return ConsentPlan(rule.name if rule else None, None, None, (), (), "no consent banner found")
