"""The banner's design around the engine's act: first layer before, reopening and pay wall after."""

from __future__ import annotations

from dataclasses import replace

from playwright.async_api import Page

from scanner import __version__
from scanner.consent.autoconsent import AutoconsentBundle
from scanner.consent.closed import DEVTOOLS
from scanner.consent.cmp import Attempt
from scanner.consent.design import FIRST, clear_outlines, measure_controls, read_toggles
from scanner.consent.dom import Found
from scanner.consent.paywall import find_pay_wall
from scanner.consent.reopen import check_reopen
from scanner.consent.screenshot import banner_screenshot
from scanner.consent.words import ConsentWords
from scanner.model import BannerDesign, ConsentState

NO_REFUSAL = "no refusal offered"


async def first_layer(
    page: Page, words: ConsentWords, found: Found | None, banner: bool
) -> tuple[BannerDesign, str | None]:
    """The first layer's controls and toggles, and its screenshot with the controls outlined."""
    controls = await measure_controls(page, words, FIRST, outline=True)
    try:
        shot = await banner_screenshot(page, found, banner)
    finally:
        if controls:
            await clear_outlines(page)
    closed = any(c.reached == DEVTOOLS for c in controls)
    toggles = await read_toggles(page, FIRST, closed) if found is not None or controls else ()
    return BannerDesign(controls, toggles, outlined=bool(controls) and shot is not None), shot


async def after_act(
    page: Page, words: ConsentWords, state: ConsentState, design: BannerDesign, attempt: Attempt
) -> tuple[BannerDesign, str]:
    """Add the settings layer, the way back (after accept) or the pay wall (no refusal)."""
    settings = BannerDesign(
        design.controls + attempt.controls, design.toggles + attempt.toggles,
        outlined=design.outlined,
    )  # fmt: skip
    if attempt.applied and state is ConsentState.ACCEPT:
        reopen, reopened = await check_reopen(page, words)
        return _with(settings, reopen=reopen, reopened=reopened), attempt.detail
    if attempt.applied or state is not ConsentState.REJECT or design.control(FIRST, "reject"):
        return settings, attempt.detail
    wall = await find_pay_wall(page, words)
    if wall is None:
        return settings, attempt.detail
    detail = (f"{NO_REFUSAL}: a pay-or-accept wall ('{wall.accept}' or '{wall.offer}'); "
              "the reject state could not be tested")  # fmt: skip
    return _with(settings, pay_wall=wall), detail


def _with(design: BannerDesign, **changes: object) -> BannerDesign:
    return replace(design, **changes)  # type: ignore[arg-type]


def rule_set(strategy: str | None, bundle: AutoconsentBundle | None) -> str:
    """The rule set (and version) that operated the banner, for the state's evidence."""
    if strategy == "declared":
        return "declared selectors (expected_cookies.yaml consent section)"
    if strategy == "cmp-rule":
        return f"cookiescan CMP rules (scanner/data/cmp_rules.yaml, cookiescan {__version__})"
    if strategy == "autoconsent" and bundle is not None:
        return f"@duckduckgo/autoconsent {bundle.version or 'unknown version'} ({bundle.source})"
    if strategy == "heuristic":
        return f"cookiescan wording heuristic (consent_words.yaml, cookiescan {__version__})"
    return ""
