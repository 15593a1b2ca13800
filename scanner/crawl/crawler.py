"""Crawl one consent state in a fresh browser profile: landing page, consent, then the rest."""

from __future__ import annotations

import asyncio
import contextlib
import time

from playwright.async_api import Error, Page

from scanner.consent.autoconsent import find_autoconsent, load_bundle
from scanner.consent.engine import ConsentEngine
from scanner.crawl.beyond import state_options
from scanner.crawl.first_party import FirstParty
from scanner.crawl.gpc import gpc_evidence
from scanner.crawl.links import LinkPolicy
from scanner.crawl.login import log_in
from scanner.crawl.options import BrowserOptions, CrawlSettings, LoginPlan
from scanner.crawl.page_links import read_links
from scanner.crawl.quiet import QUIET_S, holding, wait_quiet
from scanner.crawl.recorder import StateRecorder
from scanner.crawl.remote import RemoteSlot
from scanner.crawl.shared_browser import SharedBrowsers
from scanner.crawl.sitemap import sitemap_urls
from scanner.crawl.state_browser import StateBrowser
from scanner.crawl.state_run import Frontier, OnPage, StateRun, first_line
from scanner.crawl.visit import Visit
from scanner.crawl.visit_outcome import VisitOutcome, failure_kind, leave_tab
from scanner.crawl.watchdog import CLOSE_WAIT_S, close_page, page_deadline
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import (
    ConsentControls,
    ConsentEvidence,
    ConsentState,
    FailureKind,
    KeptCookie,
    Observation,
    StateResult,
    StorageRecord,
)

TYPED_QUIET_S = 1.0  # recorders batch what is typed for a moment before sending it
TYPED_LIMIT_S = 3.0


class PlaywrightCrawler:
    """Crawls a site in one consent state per fresh profile, recording everything it sees.

    A page never outlives its deadline (``page_deadline``): one that keeps the browser busy
    is closed and recorded as failed. A browser that dies is restarted on a fresh profile
    (the consent choice made again first) up to MAX_RESTARTS times per state (see ``StateRun``).
    """

    def __init__(
        self,
        browsers: SharedBrowsers,
        options: BrowserOptions,
        settings: CrawlSettings,
        controls: ConsentControls,
        digest_key: bytes,
        login: LoginPlan | None = None,
        slots: asyncio.Semaphore | None = None,
        remote: RemoteSlot | None = None,
    ) -> None:
        self.browsers = browsers
        self.login = login
        # The remote browser (--browser-endpoint) shared by the run, one state at a time.
        self.remote = remote
        # Pages being visited at once, shared by every state (and site) of the run.
        self.slots = slots or asyncio.Semaphore(max(settings.concurrency, 1))
        self.options = options
        self.settings = settings
        autoconsent = find_autoconsent()
        bundle = load_bundle(autoconsent) if autoconsent else None
        self.engine = ConsentEngine(controls, settings.banner_wait_s, bundle)
        self.digest_key = digest_key

    async def crawl(
        self, state: ConsentState, seeds: tuple[str, ...], on_page: OnPage
    ) -> StateResult:
        """Crawl ``seeds`` and their same-site links in ``state``; report each page as it ends."""
        first_party = FirstParty(seeds[0], self.settings.first_party)
        policy = LinkPolicy(
            frozenset(registrable_domain(host_of(s)) for s in seeds),
            self.settings.include,
            self.settings.exclude,
        )
        recorder = StateRecorder(state, first_party, self.digest_key)
        observations: list[Observation] = []

        def collect(observation: Observation) -> None:
            observations.append(observation)
            on_page(observation)

        frontier = Frontier(policy, self.settings)
        for seed in seeds:
            frontier.add(seed, 0, seed=True)
        options = state_options(self.options, state)
        remote = (self.remote or RemoteSlot(), seeds) if self.options.endpoint else None
        browser = StateBrowser(self.browsers, options, recorder, remote)
        try:
            await browser.start()
            run = StateRun(self, browser, recorder, frontier, collect)
            await run.until_done(seeds[0], observations)
            kept = await self._kept(browser, recorder)
        finally:
            await browser.close()
        return StateResult(
            state,
            run.consent,
            tuple(observations),
            first_party=first_party.records(),
            kept_cookies=kept,
            restarts=tuple(run.restarts),
            incomplete=run.stop,
        )

    async def _kept(self, browser: StateBrowser, recorder: StateRecorder) -> tuple[KeptCookie, ...]:
        """The cookies still in the jar at the end (none when the browser is gone)."""
        if browser.dead.is_set():
            return ()
        with contextlib.suppress(Error, TimeoutError):
            return await asyncio.wait_for(recorder.kept_cookies(browser.context), CLOSE_WAIT_S)
        return ()

    async def before_crawl(
        self,
        browser: StateBrowser,
        recorder: StateRecorder,
        page: Page,
        start: str,
        frontier: Frontier,
        collect: OnPage,
    ) -> None:
        """After the consent choice: sign in (login.py), add sitemap pages (sitemap.py)."""
        if self.login is not None:
            visit = recorder.begin(page, self.login.url, 0)
            outcome = VisitOutcome()
            await log_in(page, self.login, self.settings.page_timeout_s)
            outcome.final_url = page.url
            await self._settle(visit, outcome)
            await self._discover(page, outcome)
            collect(await self._observe(browser, recorder, page, visit, outcome))
            for link in (page.url, *outcome.links):
                frontier.add(link, 1)
        if self.settings.sitemap:
            for url in await sitemap_urls(page, start):
                frontier.add(url, 0)

    async def visit(
        self,
        browser: StateBrowser,
        recorder: StateRecorder,
        page: Page,
        item: tuple[str, int],
        landing: bool = False,
        keep_tab: bool = True,
    ) -> tuple[Observation, ConsentEvidence, tuple[str, ...]]:
        """Visit one page within its deadline; on the landing page, make the consent choice.

        Afterwards the tab is left blank for the next visit (``keep_tab``) or closed."""
        url, depth = item
        visit = recorder.begin(page, url, depth)
        outcome = VisitOutcome()
        consent = ConsentEvidence(recorder.state, not recorder.state.chooses)
        choosing = landing and recorder.state.chooses
        deadline = page_deadline(
            self.settings.page_timeout_s,
            self.settings.settle_s + max(self.settings.settle_s, TYPED_LIMIT_S),
            self.settings.banner_wait_s + self.settings.settle_s if choosing else 0.0,
        )
        try:
            consent = await asyncio.wait_for(
                self._steps(browser, recorder, page, visit, outcome, landing), deadline
            )
        except TimeoutError:
            how = await close_page(browser.context, page)
            outcome.fail(
                FailureKind.TIMEOUT,
                f"the page did not finish within its {deadline:g} s deadline (page {how})",
            )
        except Error as exc:
            if "closed" in str(exc).lower():  # let a pending browser-closed event arrive
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(browser.dead.wait(), CLOSE_WAIT_S)
            outcome.fail(failure_kind(exc, browser, page), first_line(exc))
        if choosing and outcome.error and not consent.applied:
            consent = ConsentEvidence(
                recorder.state, False, detail=f"landing page failed: {outcome.error}"
            )
        observation = await self._observe(browser, recorder, page, visit, outcome)
        healthy = outcome.failure in (None, FailureKind.HTTP_ERROR)
        await leave_tab(browser, page, healthy and keep_tab)
        return observation, consent, outcome.links

    async def _steps(
        self,
        browser: StateBrowser,
        recorder: StateRecorder,
        page: Page,
        visit: Visit,
        outcome: VisitOutcome,
        landing: bool,
    ) -> ConsentEvidence:
        """Load, make the choice (landing page), type the marker, read the links."""
        consent = ConsentEvidence(recorder.state, not recorder.state.chooses)
        await self._load(page, visit, visit.url, outcome)
        if landing:
            recorder.first_party.landed(outcome.final_url)
        if landing and recorder.state.chooses:
            consent = await self._consent(browser, recorder, page, visit, outcome)
        if landing and recorder.state.sends_gpc:
            consent = await gpc_evidence(page, consent if recorder.state.chooses else None)
        await self._type_marker(recorder, page, visit, outcome)
        await self._discover(page, outcome)
        return consent

    async def _load(self, page: Page, visit: Visit, url: str, outcome: VisitOutcome) -> None:
        timeout = self.settings.page_timeout_s * 1000
        response = await page.goto(url, wait_until="load", timeout=timeout)
        outcome.final_url = page.url
        if response is not None:
            outcome.status = response.status
            if response.status >= 400:
                outcome.fail(FailureKind.HTTP_ERROR, f"HTTP {response.status}")
        await self._settle(visit, outcome)

    async def _settle(
        self, visit: Visit, outcome: VisitOutcome, quiet: float = QUIET_S, limit: float = 0.0
    ) -> None:
        """Give late scripts a moment: until the page is quiet for ``quiet`` s (crawl.quiet),
        at most settle_s (or ``limit``)."""
        upto = max(self.settings.settle_s, limit)
        outcome.waited_settle += await wait_quiet(visit.requests.values, upto, quiet)

    async def _type_marker(
        self, recorder: StateRecorder, page: Page, visit: Visit, outcome: VisitOutcome
    ) -> None:
        """Type the key-logging marker into a field, then wait for what it makes scripts send."""
        requested = [(r.request.resource_type, r.request.url) for r in visit.requests.values()]
        if outcome.error is None and await recorder.beyond.type_marker(page, requested):
            await self._settle(visit, outcome, TYPED_QUIET_S, TYPED_LIMIT_S)

    async def _consent(
        self,
        browser: StateBrowser,
        recorder: StateRecorder,
        page: Page,
        visit: Visit,
        outcome: VisitOutcome,
    ) -> ConsentEvidence:
        await recorder.snapshot_cookies(browser.context, visit)

        def quiet() -> bool:
            return not holding(visit.requests.values(), time.time())

        def waited(seconds: float) -> None:
            outcome.waited_banner += seconds

        evidence = await self.engine.apply(page, recorder.state, quiet, waited)
        if evidence.applied:
            recorder.consent_at = recorder.consent_at or evidence.acted_at
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

    async def _observe(
        self,
        browser: StateBrowser,
        recorder: StateRecorder,
        page: Page,
        visit: Visit,
        outcome: VisitOutcome,
    ) -> Observation:
        storage: tuple[StorageRecord, ...] = ()
        with contextlib.suppress(Error, TimeoutError):
            await asyncio.wait_for(recorder.snapshot_cookies(browser.context, visit), CLOSE_WAIT_S)
            if not page.is_closed() and page not in browser.crashed:
                storage = await asyncio.wait_for(
                    recorder.storage_records(page, visit), CLOSE_WAIT_S
                )
                await asyncio.wait_for(recorder.leave(page, visit), CLOSE_WAIT_S)
        fingerprinting, recordings, keystrokes = recorder.beyond_records(page, visit)
        recorder.end(page)
        return Observation(
            state=recorder.state,
            url=visit.url,
            depth=visit.depth,
            final_url=outcome.final_url,
            status=outcome.status,
            title=outcome.title,
            error=outcome.error,
            cookies=tuple(visit.cookies),
            storage=storage,
            requests=recorder.request_records(visit),
            started_at=visit.started,
            duration=round(time.time() - visit.started, 3),
            failure=outcome.failure,
            skipped=outcome.skipped,
            fingerprinting=fingerprinting,
            recordings=recordings,
            keystrokes=keystrokes,
            waited_settle=round(outcome.waited_settle, 3),
            waited_banner=round(outcome.waited_banner, 3),
        )
