"""Crawl one consent state in a fresh browser profile: landing page, consent, then the rest."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import BrowserContext, Error, Page, Playwright

from scanner.consent.autoconsent import find_autoconsent, load_bundle
from scanner.consent.engine import ConsentEngine
from scanner.crawl.beyond import state_options
from scanner.crawl.browser import launch_profile
from scanner.crawl.first_party import FirstParty, landed_policy
from scanner.crawl.gpc import gpc_evidence
from scanner.crawl.links import LinkPolicy, extract_links, normalize_url
from scanner.crawl.login import log_in
from scanner.crawl.options import BrowserOptions, CrawlSettings, LoginPlan
from scanner.crawl.quiet import holding
from scanner.crawl.recorder import StateRecorder, Visit
from scanner.crawl.remote import RemoteSlot, remote_profile
from scanner.crawl.sitemap import sitemap_urls
from scanner.crawl.trace import start_trace, stop_trace
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import (
    ConsentControls,
    ConsentEvidence,
    ConsentState,
    Observation,
    StateResult,
    StorageRecord,
)

OnPage = Callable[[Observation], None]
POLL_S = 0.05
QUIET_S = 0.5
TYPED_QUIET_S = 1.0  # recorders batch what is typed for a moment before sending it
TYPED_LIMIT_S = 3.0


@dataclass(slots=True)
class _Outcome:
    """What a visit produced beyond its records."""

    final_url: str | None = None
    status: int | None = None
    title: str = ""
    error: str | None = None
    links: tuple[str, ...] = ()
    waited_settle: float = 0.0
    waited_banner: float = 0.0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


class Frontier:
    """Breadth-first, deduplicated queue of pages bounded by depth and page count."""

    def __init__(self, policy: LinkPolicy, settings: CrawlSettings) -> None:
        self.policy = policy
        self.settings = settings
        self.queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        self.seen: set[str] = set()

    def add(self, url: str, depth: int, seed: bool = False) -> None:
        """Queue ``url`` unless seen, too deep, off-site, or over the page budget."""
        url = normalize_url(url)
        if url in self.seen or len(self.seen) >= self.settings.max_pages:
            return
        if not seed and (depth > self.settings.depth or not self.policy.follows(url)):
            return
        self.seen.add(url)
        self.queue.put_nowait((url, depth))


class PlaywrightCrawler:
    """Crawls a site in one consent state per fresh profile, recording everything it sees."""

    def __init__(
        self,
        playwright: Playwright,
        options: BrowserOptions,
        settings: CrawlSettings,
        controls: ConsentControls,
        digest_key: bytes,
        login: LoginPlan | None = None,
        slots: asyncio.Semaphore | None = None,
        remote: RemoteSlot | None = None,
    ) -> None:
        self.playwright = playwright
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

        async with self._profile(seeds, state) as context:
            try:
                await start_trace(context, self.options.trace_dir)
                await recorder.attach(context)
                consent = await self._run(context, recorder, state, seeds, policy, collect)
                kept = await recorder.kept_cookies(context)
            finally:
                await stop_trace(context, self.options.trace_dir, state.value)
        return StateResult(state, consent, tuple(observations), first_party.records(), kept)

    @asynccontextmanager
    async def _profile(
        self, seeds: tuple[str, ...], state: ConsentState
    ) -> AsyncIterator[BrowserContext]:
        """A fresh profile: a new local browser, or the remote one wiped and proven clean."""
        if self.options.endpoint:
            async with remote_profile(
                self.playwright, self.options.endpoint, self.remote or RemoteSlot(), seeds
            ) as context:
                yield context
            return
        with tempfile.TemporaryDirectory(prefix="cookiescan-profile-") as profile:
            options = state_options(self.options, state)
            context = await launch_profile(self.playwright, options, Path(profile))
            try:
                yield context
            finally:
                with contextlib.suppress(Error):
                    await context.close()

    async def _run(
        self,
        context: BrowserContext,
        recorder: StateRecorder,
        state: ConsentState,
        seeds: tuple[str, ...],
        policy: LinkPolicy,
        collect: OnPage,
    ) -> ConsentEvidence:
        frontier = Frontier(policy, self.settings)
        for seed in seeds:
            frontier.add(seed, 0, seed=True)
        landing = context.pages[0] if context.pages else await context.new_page()
        url, depth = frontier.queue.get_nowait()
        try:
            async with self.slots:
                consent = await self._visit(
                    context, recorder, landing, url, depth, frontier, collect
                )
        finally:
            frontier.queue.task_done()
        await self._before_crawl(context, recorder, landing, seeds[0], frontier, collect)
        # The other pages open only once they have a page to visit and a free slot.
        workers: list[Page | None] = [landing]
        workers += [None] * (max(self.settings.concurrency, 1) - 1)
        tasks = [
            asyncio.create_task(self._worker(context, recorder, p, frontier, collect))
            for p in workers
        ]
        try:
            await frontier.queue.join()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        return consent

    async def _before_crawl(
        self,
        context: BrowserContext,
        recorder: StateRecorder,
        page: Page,
        start: str,
        frontier: Frontier,
        collect: OnPage,
    ) -> None:
        """After the consent choice: sign in (login.py), add sitemap pages (sitemap.py)."""
        if self.login is not None:
            visit = recorder.begin(page, self.login.url, 0)
            outcome = _Outcome()
            await log_in(page, self.login, self.settings.page_timeout_s)
            outcome.final_url = page.url
            await self._settle(visit, outcome)
            await self._discover(page, outcome)
            collect(await self._observe(context, recorder, page, visit, outcome))
            for link in (page.url, *outcome.links):
                frontier.add(link, 1)
        if self.settings.sitemap:
            for url in await sitemap_urls(page, start):
                frontier.add(url, 0)

    async def _worker(
        self,
        context: BrowserContext,
        recorder: StateRecorder,
        page: Page | None,
        frontier: Frontier,
        collect: OnPage,
    ) -> None:
        if page is not None:
            await recorder.watch_initiators(context, page)
        while True:
            url, depth = await frontier.queue.get()
            try:
                async with self.slots:
                    if page is None:
                        page = await context.new_page()
                        await recorder.watch_initiators(context, page)
                    await self._visit(context, recorder, page, url, depth, frontier, collect, False)
            finally:
                frontier.queue.task_done()

    async def _visit(
        self,
        context: BrowserContext,
        recorder: StateRecorder,
        page: Page,
        url: str,
        depth: int,
        frontier: Frontier,
        collect: OnPage,
        landing: bool = True,
    ) -> ConsentEvidence:
        """Visit one page; on the landing page, apply the state's consent choice."""
        if landing:
            await recorder.watch_initiators(context, page)
        visit = recorder.begin(page, url, depth)
        outcome = _Outcome()
        consent = ConsentEvidence(recorder.state, not recorder.state.chooses)
        try:
            await self._load(page, visit, url, outcome)
            if landing:
                recorder.first_party.landed(outcome.final_url)
                frontier.policy = landed_policy(frontier.policy, outcome.final_url)
            if landing and recorder.state.chooses:
                consent = await self._consent(context, recorder, page, visit, outcome)
            elif landing and recorder.state is ConsentState.GPC:
                consent = await gpc_evidence(page)
            await self._type_marker(recorder, page, visit, outcome)
            await self._discover(page, outcome)
        except Error as exc:
            outcome.error = outcome.error or _first_line(exc)
        if landing and outcome.error and not consent.applied:
            consent = ConsentEvidence(
                recorder.state, False, detail=f"landing page failed: {outcome.error}"
            )
        collect(await self._observe(context, recorder, page, visit, outcome))
        for link in outcome.links:
            frontier.add(link, depth + 1)
        return consent

    async def _load(self, page: Page, visit: Visit, url: str, outcome: _Outcome) -> None:
        timeout = self.settings.page_timeout_s * 1000
        response = await page.goto(url, wait_until="load", timeout=timeout)
        outcome.final_url = page.url
        if response is not None:
            outcome.status = response.status
            if response.status >= 400:
                outcome.error = f"HTTP {response.status}"
        await self._settle(visit, outcome)

    async def _settle(
        self, visit: Visit, outcome: _Outcome, quiet: float = QUIET_S, limit: float = 0.0
    ) -> None:
        """Give late scripts a moment: wait ``quiet`` s with no request that can still change
        cookies, storage or third parties (see crawl.quiet), up to settle_s (or ``limit``)."""
        start = time.monotonic()
        deadline = start + max(self.settings.settle_s, limit)
        quiet_since = start
        while time.monotonic() < deadline:
            await asyncio.sleep(POLL_S)
            if holding(visit.requests.values(), time.time()):
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet:
                break
        outcome.waited_settle += time.monotonic() - start

    async def _type_marker(
        self, recorder: StateRecorder, page: Page, visit: Visit, outcome: _Outcome
    ) -> None:
        """Type the key-logging marker into a field, then wait for what it makes scripts send."""
        if outcome.error is None and await recorder.beyond.type_marker(page):
            await self._settle(visit, outcome, TYPED_QUIET_S, TYPED_LIMIT_S)

    async def _consent(
        self,
        context: BrowserContext,
        recorder: StateRecorder,
        page: Page,
        visit: Visit,
        outcome: _Outcome,
    ) -> ConsentEvidence:
        await recorder.snapshot_cookies(context, visit)

        def quiet() -> bool:
            return not holding(visit.requests.values(), time.time())

        def waited(seconds: float) -> None:
            outcome.waited_banner += seconds

        evidence = await self.engine.apply(page, recorder.state, quiet, waited)
        if evidence.applied:
            recorder.consent_at = evidence.acted_at
            await self._settle(visit, outcome)
        requests = [(r.at, r.request.url) for r in visit.requests.values()]
        return await self.engine.verify(page, evidence, requests)

    async def _discover(self, page: Page, outcome: _Outcome) -> None:
        if outcome.error is not None:
            return
        outcome.title = (await page.title())[:300]
        kind = await page.evaluate("document.contentType")
        if str(kind).endswith("html"):
            outcome.links = tuple(extract_links(await page.content(), page.url))

    async def _observe(
        self,
        context: BrowserContext,
        recorder: StateRecorder,
        page: Page,
        visit: Visit,
        outcome: _Outcome,
    ) -> Observation:
        storage: tuple[StorageRecord, ...] = ()
        with contextlib.suppress(Error):
            await recorder.snapshot_cookies(context, visit)
            storage = await recorder.storage_records(page, visit)
        await recorder.leave(page, visit)
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
            fingerprinting=fingerprinting,
            recordings=recordings,
            keystrokes=keystrokes,
            waited_settle=round(outcome.waited_settle, 3),
            waited_banner=round(outcome.waited_banner, 3),
        )
