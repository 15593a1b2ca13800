"""The interaction collector: the scanner acts as a visitor on every page (pointer, scroll, a
key), records what it did and when, and whether the site took that behaviour as consent: on
every page where no consent choice is made, and, in the accept states, once on the landing
page while the banner is shown, before accept is clicked (``before_click``).

Why there and not in the reject state: acceptance is what the accept state is for, so a site
that takes the scroll as acceptance spoils nothing there (its pages are after acceptance
either way; when the banner went away, the engine lets the site's record stand in for the
click, consent.implied). The reject state's profile must reach its refusal untouched: on an
accept-on-scroll site an interaction before the click would record acceptance first, and the
refusal and every after-reject finding would be tested on a profile that already holds
consent. A throwaway context probing each state before its choice was measured instead: 2.1 to
3.7 s a state on the local fixtures (a fresh context, the page loaded again, the banner waited
for), of which the interaction and the reads, all the accept probe costs, are 1.1 to 1.4 s; it
would only see again, on the same landing page with the same banner and no choice, what the
``none`` state and the accept probe see (README: "A visitor on every page")."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

from playwright.async_api import Page

from scanner.consent.cmp_rules import CmpRule
from scanner.crawl.book.quiet import QUIET_S, wait_quiet
from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import Visit
from scanner.crawl.collectors.base import Collector, Fields, Settle
from scanner.crawl.collectors.visitor.implied import consent_record, newly_granted, present_cmps
from scanner.crawl.collectors.visitor.interact import (
    ScrollPlan,
    move_pointer,
    press_key,
    scroll_back,
    scroll_down,
)
from scanner.knowledge.domains import host_of
from scanner.model import ImpliedConsent, InteractionStep

# Levels (options.INTERACTION_LEVELS): none; basic: pointer and key; full: and the scroll.
LANDING_SCROLL = ScrollPlan(steps=20, pause_s=0.15)
OTHER_SCROLL = ScrollPlan(steps=6, pause_s=0.04, fraction=1.0)  # quicker, one screen a step
LANDING_QUIET_S, OTHER_QUIET_S = 2.0, 1.0  # the most to wait for what the interaction loaded
MAX_FOLLOWED = 50
LANDING_BUDGET_S, OTHER_BUDGET_S = 5.0, 2.0  # no new step starts past these
Step = Callable[[Page], Awaitable[InteractionStep]]
Watch = tuple[tuple[CmpRule, ...], dict[str, str]]  # the CMPs present, the record before


class InteractionCollector(Collector):
    """Acts as a visitor on each loaded page; finds consent inferred from it (no choice made,
    or before the accept click)."""

    name = "interaction"
    act_limit_s = LANDING_BUDGET_S + LANDING_QUIET_S  # the steps, then what they loaded

    def __init__(self, book: StateBook) -> None:
        self._book = book
        self._steps: dict[Visit, list[InteractionStep]] = {}
        self._implied: dict[Visit, list[ImpliedConsent]] = {}

    def _plan(self, visit: Visit) -> list[Step]:
        level = self._book.interaction
        if level == "none":
            return []
        steps: list[Step] = [move_pointer]
        if level == "full":
            plan = LANDING_SCROLL if visit.depth == 0 else OTHER_SCROLL

            async def down(page: Page) -> InteractionStep:
                return await scroll_down(page, plan)

            async def back(page: Page) -> InteractionStep:
                return await scroll_back(page, plan)

            steps += [down, back]
        return [*steps, press_key]

    async def act(self, page: Page, visit: Visit) -> Settle | None:
        """Pointer, scroll down and back, a key; then wait for what they made the page load
        (when they made it load anything).

        Where no choice is made (``none``, ``gpc``), the consent record is read before and
        after each step: what turned to granted is consent inferred from that step."""
        plan = self._plan(visit)
        if not plan:
            return None
        watch = not self._book.state.chooses
        cmps = await present_cmps(page) if watch else ()
        record = await consent_record(page, cmps) if watch else {}
        start = await self._run(page, visit, plan, (cmps, record) if watch else None)
        if any(e.at >= start for e in visit.requests.values()):  # it loaded something
            limit = LANDING_QUIET_S if visit.depth == 0 else OTHER_QUIET_S
            await wait_quiet(visit.requests.values, limit, QUIET_S)
        return None

    async def before_click(self, page: Page, visit: Visit) -> tuple[ImpliedConsent, ...]:
        """The banner is shown and the accept choice not yet clicked: act as a visitor once,
        reading the consent record after each step; the consent the site inferred from it.

        Only where a record can be read (a known consent manager, TCF or Consent Mode): with
        none, nothing could be seen to turn to granted, and the interaction would only cost
        time and risk taking away a banner the choice must still be made on."""
        plan = self._plan(visit)
        cmps = await present_cmps(page) if plan else ()
        record = await consent_record(page, cmps) if plan else {}
        if not cmps and not record:
            return ()
        known = len(self._implied.get(visit, ()))
        await self._run(page, visit, plan, (cmps, record))
        return tuple(self._implied.get(visit, ())[known:])

    async def _run(self, page: Page, visit: Visit, plan: list[Step], watch: Watch | None) -> float:
        """Take the steps within the page's budget; with ``watch`` (the CMPs and the record
        before), read the consent record after each step and keep what turned to granted.
        When the first step began."""
        done = self._steps.setdefault(visit, [])
        first = len(done)
        budget = time.monotonic() + (LANDING_BUDGET_S if visit.depth == 0 else OTHER_BUDGET_S)
        for step in plan:
            if time.monotonic() > budget:  # a heavy page: what was done is recorded
                break
            done.append(await step(page))
            if watch is not None and done[-1].action != "scroll_back":  # the scroll decided
                cmps, record = watch
                watch = cmps, await self._check(page, visit, cmps, record, done[-1])
        return done[first].at if len(done) > first else time.time()

    async def _check(
        self,
        page: Page,
        visit: Visit,
        cmps: tuple[CmpRule, ...],
        record: dict[str, str],
        step: InteractionStep,
    ) -> dict[str, str]:
        now = await consent_record(page, cmps)
        for signal, before, after in newly_granted(record, now):
            implied = ImpliedConsent(step.action, signal, before, after, step.at)
            self._implied.setdefault(visit, []).append(implied)
        return now

    def data(self, page: Page, visit: Visit) -> Fields:
        """What was done on the page, and the consent inferred from it."""
        implied = tuple(
            replace(i, followed=first_contacted_after(visit, i.at, self._until(i.at)))
            for i in self._implied.pop(visit, ())
        )
        return {"interaction": tuple(self._steps.pop(visit, ())), "implied_consent": implied}

    def _until(self, at: float) -> float | None:
        """Where what followed consent inferred at ``at`` ends: at the state's choice when the
        scanner clicked it afterwards (then it is after consent); never when no choice was
        made, or when the site's inferred acceptance stood in for the click (``at`` itself)."""
        chosen = self._book.consent_at
        return chosen if chosen is not None and chosen > at else None


def first_contacted_after(visit: Visit, at: float, until: float | None = None) -> tuple[str, ...]:
    """The hosts the visit first contacted at or after ``at`` and before ``until`` (at most
    MAX_FOLLOWED)."""
    first: dict[str, float] = {}
    for entry in visit.requests.values():
        host = host_of(entry.request.url)
        first[host] = min(first.get(host, entry.at), entry.at)
    end = float("inf") if until is None else until
    return tuple(sorted(h for h, t in first.items() if at <= t < end))[:MAX_FOLLOWED]
