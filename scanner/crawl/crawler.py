"""Crawl one consent state in a fresh browser profile: landing page, consent, then the rest."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.async_api import Error, Page, Playwright

from scanner.consent.autoconsent import find_autoconsent, load_bundle
from scanner.consent.engine import ConsentEngine
from scanner.crawl.links import LinkPolicy, discover_hrefs, normalize_url
from scanner.crawl.options import BrowserOptions, CrawlSettings
from scanner.crawl.recorder import StateRecorder, Visit
from scanner.crawl.state_browser import StateBrowser
from scanner.crawl.watchdog import CLOSE_WAIT_S, close_page, page_deadline
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import (
    BrowserRestart,
    ConsentControls,
    ConsentEvidence,
    ConsentState,
    FailureKind,
    Observation,
    SkippedUrl,
    StateResult,
    StorageRecord,
)

OnPage = Callable[[Observation], None]
POLL_S = 0.05
QUIET_S = 0.5
MAX_RESTARTS = 3
MAX_LINKS_PER_PAGE = 5000
_READ_LINKS = f"""() => ({{
  base: document.baseURI,
  hrefs: Array.from(document.querySelectorAll("a[href], area[href]"))
    .slice(0, {MAX_LINKS_PER_PAGE}).map((a) => String(a.getAttribute("href")))
}})"""


@dataclass(slots=True)
class _Outcome:
    """What a visit produced beyond its records."""

    final_url: str | None = None
    status: int | None = None
    title: str = ""
    error: str | None = None
    failure: FailureKind | None = None
    links: tuple[str, ...] = ()
    skipped: tuple[SkippedUrl, ...] = field(default_factory=tuple)

    def fail(self, kind: FailureKind, error: str) -> None:
        """Record why the page failed (the first failure wins)."""
        if self.error is None or self.failure is None:
            self.failure, self.error = kind, self.error or error


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
        """Queue ``url`` unless malformed, seen, too deep, off-site, or over the page budget."""
        try:
            url = normalize_url(url)
        except ValueError:
            return
        if url in self.seen or len(self.seen) >= self.settings.max_pages:
            return
        if not seed and (depth > self.settings.depth or not self.policy.follows(url)):
            return
        self.seen.add(url)
        self.queue.put_nowait((url, depth))


class PlaywrightCrawler:
    """Crawls a site in one consent state per fresh profile, recording everything it sees.

    A page never outlives its deadline (``page_deadline``): one that keeps the browser busy
    is closed and recorded as failed. A browser that dies is restarted on a fresh profile
    (the consent choice made again first) up to MAX_RESTARTS times per state.
    """

    def __init__(
        self,
        playwright: Playwright,
        options: BrowserOptions,
        settings: CrawlSettings,
        controls: ConsentControls,
        digest_key: bytes,
    ) -> None:
        self.playwright = playwright
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
        policy = LinkPolicy(
            frozenset(registrable_domain(host_of(s)) for s in seeds),
            self.settings.include,
            self.settings.exclude,
        )
        recorder = StateRecorder(state, registrable_domain(host_of(seeds[0])), self.digest_key)
        observations: list[Observation] = []

        def collect(observation: Observation) -> None:
            observations.append(observation)
            on_page(observation)

        frontier = Frontier(policy, self.settings)
        for seed in seeds:
            frontier.add(seed, 0, seed=True)
        browser = StateBrowser(self.playwright, self.options, recorder)
        try:
            await browser.start()
            run = _StateRun(self, browser, recorder, frontier, collect)
            await run.until_done(seeds[0], observations)
        finally:
            await browser.close()
        return StateResult(state, run.consent, tuple(observations), tuple(run.restarts), run.stop)

    async def visit(
        self,
        browser: StateBrowser,
        recorder: StateRecorder,
        page: Page,
        item: tuple[str, int],
        landing: bool = False,
    ) -> tuple[Observation, ConsentEvidence, tuple[str, ...]]:
        """Visit one page within its deadline; on the landing page, make the consent choice."""
        url, depth = item
        visit = recorder.begin(page, url, depth)
        outcome = _Outcome()
        consent = ConsentEvidence(recorder.state, recorder.state is ConsentState.NONE)
        choosing = landing and recorder.state is not ConsentState.NONE
        deadline = page_deadline(
            self.settings.page_timeout_s,
            self.settings.settle_s,
            self.settings.banner_wait_s + self.settings.settle_s if choosing else 0.0,
        )
        try:
            consent = await asyncio.wait_for(
                self._steps(browser, recorder, page, visit, outcome, choosing), deadline
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
            outcome.fail(_failure_kind(exc, browser, page), _first_line(exc))
        if choosing and outcome.error and not consent.applied:
            consent = ConsentEvidence(
                recorder.state, False, detail=f"landing page failed: {outcome.error}"
            )
        observation = await self._observe(browser, recorder, page, visit, outcome)
        await _leave(browser, page, outcome.failure in (None, FailureKind.HTTP_ERROR))
        return observation, consent, outcome.links

    async def _steps(
        self,
        browser: StateBrowser,
        recorder: StateRecorder,
        page: Page,
        visit: Visit,
        outcome: _Outcome,
        choosing: bool,
    ) -> ConsentEvidence:
        consent = ConsentEvidence(recorder.state, recorder.state is ConsentState.NONE)
        await self._load(page, visit, visit.url, outcome)
        if choosing:
            consent = await self._consent(browser, recorder, page, visit)
        await self._discover(page, outcome)
        return consent

    async def _load(self, page: Page, visit: Visit, url: str, outcome: _Outcome) -> None:
        timeout = self.settings.page_timeout_s * 1000
        response = await page.goto(url, wait_until="load", timeout=timeout)
        outcome.final_url = page.url
        if response is not None:
            outcome.status = response.status
            if response.status >= 400:
                outcome.fail(FailureKind.HTTP_ERROR, f"HTTP {response.status}")
        await self._settle(visit)

    async def _settle(self, visit: Visit) -> None:
        """Give late scripts a moment: wait for QUIET_S without open requests, up to settle_s."""
        deadline = time.monotonic() + self.settings.settle_s
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            await asyncio.sleep(POLL_S)
            if visit.open_requests():
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= QUIET_S:
                return

    async def _consent(
        self, browser: StateBrowser, recorder: StateRecorder, page: Page, visit: Visit
    ) -> ConsentEvidence:
        await recorder.snapshot_cookies(browser.context, visit)
        evidence = await self.engine.apply(page, recorder.state)
        if evidence.applied:
            recorder.consent_at = recorder.consent_at or evidence.acted_at
            await self._settle(visit)
        requests = [(r.at, r.request.url) for r in visit.requests.values()]
        return await self.engine.verify(page, evidence, requests)

    async def _discover(self, page: Page, outcome: _Outcome) -> None:
        if outcome.error is not None:
            return
        outcome.title = (await page.title())[:300]
        kind = await page.evaluate("document.contentType")
        if str(kind).endswith("html"):
            found = await page.evaluate(_READ_LINKS)
            hrefs = [str(h) for h in found.get("hrefs", [])]
            discovered = discover_hrefs(hrefs, str(found.get("base") or page.url), page.url)
            outcome.links, outcome.skipped = discovered.links, discovered.skipped

    async def _observe(
        self,
        browser: StateBrowser,
        recorder: StateRecorder,
        page: Page,
        visit: Visit,
        outcome: _Outcome,
    ) -> Observation:
        storage: tuple[StorageRecord, ...] = ()
        with contextlib.suppress(Error, TimeoutError):
            await asyncio.wait_for(recorder.snapshot_cookies(browser.context, visit), CLOSE_WAIT_S)
            if not page.is_closed() and page not in browser.crashed:
                storage = await asyncio.wait_for(
                    recorder.storage_records(page, visit), CLOSE_WAIT_S
                )
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
        )


async def _leave(browser: StateBrowser, page: Page, healthy: bool) -> None:
    """End the page's timers and reloads (about:blank); a stuck page is closed, never reused."""
    if healthy and not page.is_closed():
        try:
            await asyncio.wait_for(page.goto("about:blank"), CLOSE_WAIT_S)
            return
        except (Error, TimeoutError):
            pass
    if not page.is_closed():
        await close_page(browser.context, page)


def _failure_kind(exc: Error, browser: StateBrowser, page: Page) -> FailureKind:
    """What a Playwright error during a visit means."""
    text = str(exc).lower()
    if browser.dead.is_set():
        return FailureKind.BROWSER_DIED
    if page in browser.crashed or "crash" in text or page.is_closed():
        return FailureKind.CRASHED
    if "timeout" in text:
        return FailureKind.TIMEOUT
    if "invalid url" in text:
        return FailureKind.INVALID_URL
    return FailureKind.NAVIGATION


class _StateRun:
    """The crawl of one state: landing page first, then workers, restarts when it dies."""

    def __init__(
        self,
        crawler: PlaywrightCrawler,
        browser: StateBrowser,
        recorder: StateRecorder,
        frontier: Frontier,
        collect: OnPage,
    ) -> None:
        self.crawler = crawler
        self.browser = browser
        self.recorder = recorder
        self.frontier = frontier
        self.collect = collect
        state = recorder.state
        self.consent = ConsentEvidence(state, state is ConsentState.NONE)
        self.restarts: list[BrowserRestart] = []
        self.stop: str | None = None
        self.died_at = ""
        self._first: Page | None = None

    async def until_done(self, landing_url: str, observations: list[Observation]) -> None:
        """Crawl until the frontier is empty, or the browser keeps dying."""
        await self._landing()
        while self.browser.dead.is_set():
            if not await self._restart(landing_url, len(observations)):
                return
            await self._workers()

    async def _landing(self) -> None:
        item = self.frontier.queue.get_nowait()
        try:
            page = await self._first_page()
            observation, self.consent, links = await self.crawler.visit(
                self.browser, self.recorder, page, item, landing=True
            )
            self._record(observation, links)
        finally:
            self.frontier.queue.task_done()
        if not self.browser.dead.is_set():
            await self._workers()

    async def _restart(self, landing_url: str, pages_done: int) -> bool:
        """Relaunch on a fresh profile and make the choice again; False ends the state."""
        reason = self.browser.death or "the browser died"
        if len(self.restarts) >= MAX_RESTARTS:
            self.stop = (
                f"the browser died {len(self.restarts) + 1} times (last: {reason}, "
                f"at {self.died_at or 'an unknown page'}); the state was stopped"
            )
            return False
        try:
            await self.browser.restart()
        except Error as exc:
            self.stop = f"the browser could not be restarted: {_first_line(exc)}"
            return False
        reapplied = await self._choose_again(landing_url)
        self.restarts.append(BrowserRestart(self.died_at, reason, pages_done, reapplied))
        self.died_at = ""
        if reapplied is False:
            self.stop = "after a browser restart the consent choice could not be made again"
            return False
        return True

    async def _choose_again(self, landing_url: str) -> bool | None:
        """Make the state's consent choice on the landing page of the new browser."""
        if self.recorder.state is ConsentState.NONE:
            return None
        page = await self._first_page()
        observation, evidence, _links = await self.crawler.visit(
            self.browser, self.recorder, page, (landing_url, 0), landing=True
        )
        self._record(observation, ())
        return evidence.applied and not self.browser.dead.is_set()

    async def _workers(self) -> None:
        """Run the workers until the frontier is done or the browser dies."""
        first: Page | None = await self._first_page()
        pages = [first, *([None] * (max(self.crawler.settings.concurrency, 1) - 1))]
        tasks = [asyncio.create_task(self._worker(page)) for page in pages]
        joined = asyncio.create_task(self.frontier.queue.join())
        died = asyncio.create_task(self.browser.dead.wait())
        try:
            await asyncio.wait([joined, died, *tasks], return_when=asyncio.FIRST_COMPLETED)
            for task in tasks:
                if task.done():
                    task.result()  # an unexpected error in a worker ends the scan, loudly
            if died.done():
                await asyncio.gather(*tasks)
        finally:
            joined.cancel()
            died.cancel()
            for task in tasks:
                task.cancel()
            await asyncio.gather(joined, died, *tasks, return_exceptions=True)

    async def _worker(self, page: Page | None) -> None:
        while not self.browser.dead.is_set():
            item = await self._next()
            if item is None:
                return
            try:
                page = await self._page(page)
            except Error:
                self.frontier.queue.put_nowait(item)  # the browser died: visit it after restart
                self.frontier.queue.task_done()
                return
            try:
                observation, _consent, links = await self.crawler.visit(
                    self.browser, self.recorder, page, item
                )
                self._record(observation, links)
            finally:
                self.frontier.queue.task_done()

    async def _next(self) -> tuple[str, int] | None:
        """The next page to visit, or None once the browser has died."""
        got = asyncio.ensure_future(self.frontier.queue.get())
        died = asyncio.ensure_future(self.browser.dead.wait())
        try:
            await asyncio.wait([got, died], return_when=asyncio.FIRST_COMPLETED)
        finally:
            died.cancel()
            if not got.done():
                got.cancel()
        if got.cancelled():
            return None
        item = got.result()
        if self.browser.dead.is_set():
            self.frontier.queue.put_nowait(item)
            self.frontier.queue.task_done()
            return None
        return item

    async def _first_page(self) -> Page:
        """The landing page's tab: the browser's own first tab after a launch, kept while usable."""
        first = self._first
        if first is None or first.is_closed() or first in self.browser.crashed:
            first = self.browser.take_initial_page() or await self.browser.new_page()
            await self.recorder.watch_initiators(self.browser.context, first)
            self._first = first
        return first

    async def _page(self, page: Page | None) -> Page:
        """``page`` if it is still usable, else a new tab (initiators watched)."""
        if page is not None and not page.is_closed() and page not in self.browser.crashed:
            return page
        if page is not None and not page.is_closed():
            await close_page(self.browser.context, page)
        fresh = await self.browser.new_page()
        await self.recorder.watch_initiators(self.browser.context, fresh)
        return fresh

    def _record(self, observation: Observation, links: tuple[str, ...]) -> None:
        if observation.failure is FailureKind.BROWSER_DIED:
            self.died_at = self.died_at or observation.url
        self.collect(observation)
        for link in links:
            self.frontier.add(link, observation.depth + 1)
