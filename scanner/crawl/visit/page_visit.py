"""One page's visit in one state, within its deadline: load, settle, the consent choice (landing
page), the collectors' acts, the links; then its observation and the tab left for the next."""

from __future__ import annotations

import asyncio
import contextlib
import time

from playwright.async_api import Error, Page

from scanner.consent.engine import ConsentEngine
from scanner.crawl.book.quiet import QUIET_S, DueTimers, dwell, holding, wait_quiet
from scanner.crawl.book.visit import Visit
from scanner.crawl.browser.bounds import CLOSE_PAGE_S
from scanner.crawl.browser.state_context import StateBrowser
from scanner.crawl.browser.watchdog import close_page, page_deadline
from scanner.crawl.navigation.page_links import read_links
from scanner.crawl.options import DWELL_OTHER, CrawlSettings, LoginPlan
from scanner.crawl.record.recorder import StateRecorder
from scanner.crawl.visit.gpc import gpc_evidence
from scanner.crawl.visit.login import log_in
from scanner.crawl.visit.outcome import VisitOutcome, failure_kind, leave_tab
from scanner.errors import first_line
from scanner.model import (
    ConsentEvidence,
    ConsentState,
    Dwell,
    FailureKind,
    ImpliedConsent,
    Observation,
)

VisitResult = tuple[Observation, ConsentEvidence, tuple[str, ...]]


class PageVisitor:
    """Visits the pages of one state, one call per page, recording through ``recorder``."""

    def __init__(
        self,
        settings: CrawlSettings,
        engine: ConsentEngine,
        browser: StateBrowser,
        recorder: StateRecorder,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.browser = browser
        self.recorder = recorder

    async def visit(
        self, page: Page, item: tuple[str, int], landing: bool = False, keep_tab: bool = True
    ) -> VisitResult:
        """Visit one page within its deadline; on the landing page, make the consent choice.

        The page's observation, the consent evidence (landing page) and its links; afterwards
        the tab is left blank for the next visit (``keep_tab``) or closed."""
        url, depth = item
        visit = self.recorder.begin(page, url, depth)
        outcome = VisitOutcome()
        state = self.recorder.state
        consent = ConsentEvidence(state, not state.chooses)
        choosing = landing and state.chooses
        deadline = page_deadline(
            self.settings.page_timeout_s,
            self.settings.settle_s
            + max(self.settings.settle_s, self.recorder.act_limit_s)
            + self._dwell_bound(landing),
            self._consent_bound() if choosing else 0.0,
        )
        try:
            consent = await asyncio.wait_for(self._steps(page, visit, outcome, landing), deadline)
        except TimeoutError:
            how = await close_page(self.browser.context, page)
            outcome.fail(
                FailureKind.TIMEOUT,
                f"the page did not finish within its {deadline:g} s deadline (page {how})",
            )
        except Error as exc:
            if "closed" in str(exc).lower():  # let a pending browser-closed event arrive
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.browser.dead.wait(), CLOSE_PAGE_S)
            outcome.fail(failure_kind(exc, self.browser, page), first_line(exc))
        if choosing and outcome.error and not consent.applied:
            consent = ConsentEvidence(state, False, detail=f"landing page failed: {outcome.error}")
        observation = await self.observe(page, visit, outcome)
        healthy = outcome.failure in (None, FailureKind.HTTP_ERROR)
        await leave_tab(self.browser, page, healthy and keep_tab)
        return observation, consent, outcome.links

    async def sign_in(self, page: Page, login: LoginPlan) -> VisitResult:
        """Sign in (visit.login) as a recorded visit of the login page: its settle, its links
        and its observation (a failed sign-in raises ``LoginError``)."""
        visit = self.recorder.begin(page, login.url, 0)
        outcome = VisitOutcome()
        await log_in(page, login, self.settings.page_timeout_s)
        outcome.final_url = page.url
        await self._settle(visit, outcome)
        await self._discover(page, outcome)
        consent = ConsentEvidence(self.recorder.state, not self.recorder.state.chooses)
        return await self.observe(page, visit, outcome), consent, outcome.links

    async def _steps(
        self, page: Page, visit: Visit, outcome: VisitOutcome, landing: bool
    ) -> ConsentEvidence:
        """Load, make the choice (landing page), let the collectors act, read the links."""
        state = self.recorder.state
        consent = ConsentEvidence(state, not state.chooses)
        await self._load(page, visit, outcome)
        if landing:
            self.recorder.first_party.landed(outcome.final_url)
        if landing and state.chooses:
            consent = await self._consent(page, visit, outcome)
        if landing and state.sends_gpc:
            consent = await gpc_evidence(page, consent if state.chooses else None)
        if outcome.error is None:
            settle = await self.recorder.act(page, visit)
            if settle is not None:
                await self._settle(visit, outcome, settle.quiet_s, settle.limit_s)
            await self._dwell(page, visit, outcome, landing)
        await self._discover(page, outcome)
        return consent

    async def _load(self, page: Page, visit: Visit, outcome: VisitOutcome) -> None:
        timeout = self.settings.page_timeout_s * 1000
        response = await page.goto(visit.url, wait_until="load", timeout=timeout)
        outcome.final_url = page.url
        if response is not None:
            outcome.status = response.status
            if response.status >= 400:
                outcome.fail(FailureKind.HTTP_ERROR, f"HTTP {response.status}")
        await self._settle(visit, outcome)

    async def _settle(
        self, visit: Visit, outcome: VisitOutcome, quiet: float = QUIET_S, limit: float = 0.0
    ) -> None:
        """Give late scripts a moment: until the page is quiet for ``quiet`` s (book.quiet),
        at most settle_s (or ``limit``)."""
        upto = max(self.settings.settle_s, limit)
        outcome.waited_settle += await wait_quiet(visit.requests.values, upto, quiet)

    async def _dwell(self, page: Page, visit: Visit, outcome: VisitOutcome, landing: bool) -> None:
        """Stay while the page has timers due within the dwell bound (book.quiet.dwell)."""
        bound = self._dwell_bound(landing)
        if bound <= 0:
            return

        async def due(horizon: float) -> DueTimers:
            return await self.recorder.due_timers(page, horizon)

        seconds, reason, timers = await dwell(due, visit.requests.values, bound, QUIET_S * 4)
        outcome.dwell = Dwell(round(seconds, 3), reason, timers, bound)

    def _dwell_bound(self, landing: bool) -> float:
        return self.settings.dwell_s * (1.0 if landing else DWELL_OTHER)

    def _consent_bound(self) -> float:
        """The banner wait, a second settle, and the visitor's probe before an accept click."""
        probe = self.recorder.act_limit_s if self._probes() else 0.0
        return self.settings.banner_wait_s + self.settings.settle_s + probe

    def _probes(self) -> bool:
        """Whether the visitor interacts before the click (collectors.visitor): in the accept
        states only, where acceptance is the outcome anyway; never before a refusal, which must
        be made on a profile the site has not yet taken any interaction from."""
        return self.recorder.state.choice is ConsentState.ACCEPT

    async def _consent(self, page: Page, visit: Visit, outcome: VisitOutcome) -> ConsentEvidence:
        await self.recorder.before_choice(self.browser.context, visit)

        def quiet() -> bool:
            return not holding(visit.requests.values(), time.time())

        def waited(seconds: float) -> None:
            outcome.waited_banner += seconds

        async def probe() -> tuple[ImpliedConsent, ...]:
            return await self.recorder.before_click(page, visit)

        evidence = await self.engine.apply(
            page, self.recorder.state, quiet, waited, probe if self._probes() else None
        )
        if evidence.applied:
            self.recorder.consent_at = self.recorder.consent_at or evidence.acted_at
            await self._settle(visit, outcome)
        requests = [(r.at, r.request.url) for r in visit.requests.values()]
        return await self.engine.verify(page, evidence, requests)

    async def _discover(self, page: Page, outcome: VisitOutcome) -> None:
        if outcome.error is not None:
            return
        outcome.title = (await page.title())[:300]
        discovered = await read_links(page)
        if discovered is not None:
            outcome.links, outcome.skipped = discovered.links, discovered.skipped

    async def observe(self, page: Page, visit: Visit, outcome: VisitOutcome) -> Observation:
        """End the visit: what every collector recorded, with the page's outcome."""
        live = not page.is_closed() and page not in self.browser.crashed
        fields = await self.recorder.end(page, visit, live)
        return Observation(
            state=self.recorder.state,
            url=visit.url,
            depth=visit.depth,
            final_url=outcome.final_url,
            status=outcome.status,
            title=outcome.title,
            error=outcome.error,
            started_at=visit.started,
            duration=round(time.time() - visit.started, 3),
            failure=outcome.failure,
            skipped=outcome.skipped,
            waited_settle=round(outcome.waited_settle, 3),
            waited_banner=round(outcome.waited_banner, 3),
            dwell=outcome.dwell,
            **fields,
        )
