"""The consent engine: declared selectors, CMP rules, autoconsent, then the wording heuristic."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace

from playwright.async_api import Error, Page

from scanner.consent.autoconsent import AutoconsentBundle, run_autoconsent
from scanner.consent.cmp import Attempt, detected, operate, read_choice
from scanner.consent.cmp_rules import CmpRule, load_cmp_rules
from scanner.consent.declared import click_declared
from scanner.consent.dom import (
    POLL_SECONDS,
    Found,
    find_selector,
    find_text,
    poll,
    still_visible,
)
from scanner.consent.heuristic import click_by_wording
from scanner.consent.implied import stood_in
from scanner.consent.observe import after_act, first_layer, rule_set
from scanner.consent.selftest import verdict
from scanner.consent.signal_codes import request_signals
from scanner.consent.signals import read_page_signals
from scanner.consent.words import load_words
from scanner.errors import first_line
from scanner.model import (
    IMPLIED_CHOICE,
    ConsentControls,
    ConsentEvidence,
    ConsentState,
    ImpliedConsent,
)

AFTER_WAIT_S = 3.0
# No banner is coming when the page is loaded, the network quiet, no known CMP present and
# the DOM unchanged for this long (--banner-wait stays the upper bound).
STABLE_S = 0.5
Quiet = Callable[[], bool]
Waited = Callable[[float], None]
# The visitor's interaction while the banner is shown, before the click: what the site took as
# consent from it (the crawl's interaction collector, passed in by the page's visit).
Probe = Callable[[], Awaitable[tuple[ImpliedConsent, ...]]]
AUTOCONSENT_FIND_S = 1.5  # the page is loaded and the banner wait is over


@dataclass(frozen=True, slots=True)
class Sighting:
    """What showed up while waiting for a banner: a known CMP and its banner, or a control."""

    rule: CmpRule | None = None
    banner: Found | None = None
    control: Found | None = None
    settled: bool = False  # the wait ended on a loaded, quiet, stable page with nothing seen

    @property
    def seen(self) -> bool:
        """Whether anything banner-like was seen."""
        return self.banner is not None or self.control is not None


class ConsentEngine:
    """Applies a state's choice on a landing page, and checks afterwards that it took effect."""

    def __init__(
        self,
        controls: ConsentControls,
        wait_s: float,
        autoconsent: AutoconsentBundle | None = None,
        rules: tuple[CmpRule, ...] | None = None,
    ) -> None:
        self.controls = controls
        self.wait_s = wait_s
        self.autoconsent = autoconsent
        self.rules = load_cmp_rules() if rules is None else rules
        self.words = load_words()

    def declared(self, state: ConsentState) -> tuple[str, ...]:
        """The selectors expected_cookies.yaml declares for ``state``."""
        return self.controls.accept if state is ConsentState.ACCEPT else self.controls.reject

    async def sight(self, page: Page, state: ConsentState, quiet: Quiet | None = None) -> Sighting:
        """Wait up to the banner wait for a known CMP's banner, or any consent control.

        With ``quiet`` (whether the network is quiet), stop as soon as no banner is coming.
        """
        deadline = time.monotonic() + self.wait_s
        calm = _Calm()
        while True:
            found = await detected(page, self.rules)
            for rule in found:
                banner = await find_selector(page, rule.banner) if rule.banner else None
                if banner is not None:
                    return Sighting(rule, banner)
            control = await self._control(page, state)
            if (control is not None and not found) or time.monotonic() >= deadline:
                return Sighting(found[0] if found else None, None, control)
            if quiet is not None and not found and await calm.settled(page, quiet()):
                return Sighting(settled=True)
            await asyncio.sleep(POLL_SECONDS)

    async def _control(self, page: Page, state: ConsentState) -> Found | None:
        declared = self.declared(state)
        if declared:
            return await find_selector(page, declared[0])
        w = self.words
        return await find_text(page, w.accept + w.reject + w.settings)

    async def apply(
        self,
        page: Page,
        state: ConsentState,
        quiet: Quiet | None = None,
        waited: Waited | None = None,
        probe: Probe | None = None,
    ) -> ConsentEvidence:
        """Make the choice of ``state`` (accept or reject) and record how.

        ``gpc-accept`` makes the ``accept`` choice, the same way. ``quiet`` lets the banner
        wait end early (see ``sight``); ``waited`` is told how long the banner wait took.
        ``probe`` runs once a banner is seen, after its first layer is measured and the
        signals before the choice are read, before any click (see ``_choose``).
        """
        choice = state.choice or state
        try:
            start = time.monotonic()
            sighting = await self.sight(page, choice, quiet)
            if waited is not None:
                waited(time.monotonic() - start)
            design, shot = await first_layer(page, self.words, sighting.banner or sighting.control,
                                             sighting.banner is not None)  # fmt: skip
            signals = await read_page_signals(page, "before")
            strategy, attempt, cmp = await self._choose(page, choice, sighting, probe)
            banner = sighting.seen or attempt.applied or bool(attempt.steps)
            signals.append(("banner", "found" if banner else "not found"))
            if attempt.applied:
                signals.extend(await self._after(page, sighting, attempt))
            design, detail = await after_act(page, self.words, choice, design, attempt)
        except Error as exc:
            detail = f"the browser failed: {first_line(exc)}"
            return ConsentEvidence(state=state, applied=False, detail=detail)
        return ConsentEvidence(
            state=state,
            applied=attempt.applied,
            strategy=strategy,
            steps=attempt.steps,
            detail=detail,
            page_url=page.url,
            acted_at=attempt.acted_at,
            cmp=cmp,
            signals=tuple(signals),
            screenshot=shot,
            banner_seen=banner,
            design=design,
            rule_set=rule_set(strategy, self.autoconsent),
        )

    async def _choose(
        self, page: Page, state: ConsentState, sighting: Sighting, probe: Probe | None
    ) -> tuple[str | None, Attempt, str | None]:
        """Probe the shown banner, then act, unless the site's inferred acceptance took the
        banner away: then its record stands in for the click (consent.implied)."""
        implied = await probe() if probe is not None and sighting.seen else ()
        attempt = await stood_in(sighting.banner or sighting.control, implied)
        if attempt is not None:
            return IMPLIED_CHOICE, attempt, sighting.rule.name if sighting.rule else None
        return await self._act(page, state, sighting)

    async def _act(
        self, page: Page, state: ConsentState, sighting: Sighting
    ) -> tuple[str | None, Attempt, str | None]:
        """Try each strategy in order until one acts; otherwise say why each could not."""
        failures: list[str] = []
        cmp = sighting.rule.name if sighting.rule else None
        for name, strategy in STRATEGIES:
            tried = await strategy(self, page, state, sighting)
            if tried is None:
                continue
            attempt, found_cmp = tried
            if attempt.applied or attempt.steps:
                return name, attempt, cmp or found_cmp
            failures.append(attempt.detail)
        return None, Attempt(False, detail="; ".join(f for f in failures if f)), cmp

    async def _after(
        self, page: Page, sighting: Sighting, attempt: Attempt
    ) -> list[tuple[str, str]]:
        """Whether the banner went away, and the choice the CMP itself recorded."""
        rule = sighting.rule or next(iter(await detected(page, self.rules)), None)
        gone: bool | None = None
        if rule is not None and rule.banner:
            banner = rule.banner
            gone = bool(await poll(lambda: _gone(find_selector(page, banner)), AFTER_WAIT_S))
        elif attempt.first is not None:
            first = attempt.first
            gone = bool(await poll(lambda: _hidden(first), AFTER_WAIT_S))
        label = "unknown" if gone is None else "gone" if gone else "still visible"
        signals = [("banner.after", label)]
        choice = await poll(lambda: _some(read_choice(page, rule)), AFTER_WAIT_S) if rule else None
        signals.append(("cmp.choice", choice or "unknown"))
        return signals

    async def verify(
        self, page: Page, evidence: ConsentEvidence, requests: Iterable[tuple[float, str]]
    ) -> ConsentEvidence:
        """Add the signals read after the page settled, and the self-test verdict."""
        if not evidence.state.chooses:
            return evidence
        signals = dict(evidence.signals)
        if evidence.applied:
            signals.update(await read_page_signals(page, "after"))
        signals.update(request_signals(requests, evidence.acted_at))
        test = verdict(evidence.state, evidence.applied, signals)
        return replace(evidence, signals=tuple(signals.items()), self_test=test)


class _Calm:
    """Whether a loaded page has stayed quiet with an unchanged DOM for STABLE_S."""

    def __init__(self) -> None:
        self.shape: object = None
        self.since = 0.0

    async def settled(self, page: Page, network_quiet: bool) -> bool:
        shape = None
        if network_quiet:
            try:
                shape = await page.evaluate(DOM_SHAPE)
            except Error:  # navigating: not settled
                shape = None
        now = time.monotonic()
        if shape is None or shape != self.shape:
            self.shape, self.since = shape, now
            return False
        return now - self.since >= STABLE_S


# None until the page has loaded; then the element count and text size of the main frame.
DOM_SHAPE = """() => document.readyState !== 'complete' ? null :
  [document.getElementsByTagName('*').length, (document.body || {}).innerHTML?.length || 0]"""


async def _gone(found: Awaitable[Found | None]) -> bool | None:
    return True if await found is None else None


async def _hidden(found: Found) -> bool | None:
    return True if not await still_visible(found.element) else None


async def _some(choice: Awaitable[str]) -> str | None:
    return (await choice) or None


Tried = tuple[Attempt, str | None] | None
Strategy = Callable[[ConsentEngine, Page, ConsentState, Sighting], Awaitable[Tried]]


async def _declared(engine: ConsentEngine, page: Page, state: ConsentState, _s: Sighting) -> Tried:
    """The selectors expected_cookies.yaml declares, clicked in order."""
    if not engine.declared(state):
        return None
    return await click_declared(page, engine.declared(state), engine.wait_s), None


async def _cmp_rule(engine: ConsentEngine, page: Page, state: ConsentState, s: Sighting) -> Tried:
    """The detected CMP's own rule (data in cmp_rules.yaml)."""
    if s.rule is None:
        return None
    open_s = engine.wait_s if s.banner else 0.0
    return await operate(page, s.rule, state, open_s, engine.wait_s), None


async def _autoconsent(
    engine: ConsentEngine, page: Page, state: ConsentState, sighting: Sighting
) -> Tried:
    """DuckDuckGo's autoconsent rules, when the bundle is installed."""
    if engine.autoconsent is None:
        return None
    name, attempt = await run_autoconsent(
        page, engine.autoconsent, state, AUTOCONSENT_FIND_S, engine.wait_s, sighting.settled
    )
    return attempt, name


async def _heuristic(engine: ConsentEngine, page: Page, state: ConsentState, _s: Sighting) -> Tried:
    """Buttons found by their wording, in banner-like containers."""
    return await click_by_wording(page, state, engine.words, 0.0), None


# The order in which the engine tries to make a choice: the site's own word first.
STRATEGIES: tuple[tuple[str, Strategy], ...] = (
    ("declared", _declared),
    ("cmp-rule", _cmp_rule),
    ("autoconsent", _autoconsent),
    ("heuristic", _heuristic),
)
