"""Crawl one consent state in a fresh browser profile: landing page, consent, then the rest."""

from __future__ import annotations

import asyncio

from scanner.consent.factory import scan_engine
from scanner.crawl.browser.gpc_signal import gpc_options
from scanner.crawl.browser.identity import visitor_identity
from scanner.crawl.browser.remote import RemoteSlot
from scanner.crawl.browser.shared import SharedBrowsers
from scanner.crawl.browser.sources import BrowserSource, LocalSource, RemoteSource
from scanner.crawl.browser.state_context import StateBrowser
from scanner.crawl.navigation.first_party import FirstParty
from scanner.crawl.navigation.frontier import Frontier
from scanner.crawl.navigation.links import LinkPolicy
from scanner.crawl.options import BrowserOptions, CrawlSettings, LoginPlan
from scanner.crawl.record.recorder import StateRecorder
from scanner.crawl.visit.page_visit import PageVisitor
from scanner.crawl.visit.state_run import OnPage, StateRun
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import ConsentControls, ConsentState, Observation, StateResult


class StateCrawler:
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
        self.remote = remote or RemoteSlot()
        # Pages being visited at once, shared by every state (and site) of the run.
        self.slots = slots or asyncio.Semaphore(max(settings.concurrency, 1))
        self.options = options
        self.settings = settings
        self.engine = scan_engine(controls, settings.banner_wait_s)
        self.digest_key = digest_key

    def _source(self, seeds: tuple[str, ...]) -> BrowserSource:
        """Where the state's fresh profile comes from: the local browser, or the remote one."""
        if self.options.endpoint:
            return RemoteSource(self.browsers, self.remote, seeds)
        return LocalSource(self.browsers)

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
        identity = visitor_identity(self.options)
        recorder = StateRecorder(
            state, first_party, self.digest_key, identity, self.settings.interaction
        )
        observations: list[Observation] = []

        def collect(observation: Observation) -> None:
            observations.append(observation)
            on_page(observation)

        frontier = Frontier(policy, self.settings)
        for seed in seeds:
            frontier.add(seed, 0, seed=True)
        options = gpc_options(self.options, state.sends_gpc)
        browser = StateBrowser(
            self._source(seeds), options, recorder, state.value, state.sends_gpc, self.digest_key
        )
        visitor = PageVisitor(self.settings, self.engine, browser, recorder)
        try:
            await browser.start()
            run = StateRun(visitor, frontier, collect, self.slots, self.login)
            await run.until_done(seeds[0], observations)
            ended = await recorder.finish(browser.context) if not browser.dead.is_set() else {}
        finally:
            await browser.close()
        return StateResult(
            state,
            run.consent,
            tuple(observations),
            first_party=first_party.records(),
            kept_cookies=ended.get("kept_cookies", ()),
            restarts=tuple(run.restarts),
            incomplete=run.stop,
            collector_failures=recorder.state_failures,
        )
