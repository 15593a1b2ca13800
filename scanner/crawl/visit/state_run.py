"""One state's run: the landing page (and the choice), sign-in and sitemap, then the other
pages by a few workers, and browser restarts when it dies."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from playwright.async_api import Error, Page

from scanner.crawl.browser.state_context import StateBrowser
from scanner.crawl.browser.watchdog import close_page
from scanner.crawl.navigation.first_party import landed_policy
from scanner.crawl.navigation.frontier import Frontier
from scanner.crawl.navigation.sitemap import sitemap_urls
from scanner.crawl.options import CrawlSettings, LoginPlan
from scanner.crawl.visit.page_visit import PageVisitor
from scanner.errors import first_line
from scanner.model import BrowserRestart, ConsentEvidence, FailureKind, Observation

OnPage = Callable[[Observation], None]
MAX_RESTARTS = 3


class StateRun:
    """The crawl of one state: landing page first, then workers, restarts when it dies."""

    def __init__(
        self,
        visitor: PageVisitor,
        frontier: Frontier,
        collect: OnPage,
        slots: asyncio.Semaphore,
        login: LoginPlan | None = None,
    ) -> None:
        self.visitor = visitor
        self.browser: StateBrowser = visitor.browser
        self.settings: CrawlSettings = visitor.settings
        self.frontier = frontier
        self.collect = collect
        self.slots = slots  # pages visited at once across every state (and site) of the run
        self.login = login
        state = visitor.recorder.state
        self.consent = ConsentEvidence(state, not state.chooses)
        self.restarts: list[BrowserRestart] = []
        self.deaths = 0
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
            async with self.slots:
                observation, self.consent, links = await self.visitor.visit(
                    page, item, landing=True
                )
            policy = landed_policy(self.frontier.policy, observation.final_url)
            self.frontier.policy = policy  # a start URL that redirects to its real host
            self._record(observation, links)
            if not self.browser.dead.is_set():
                await self._before_crawl(page, item[0])
        except Error as exc:  # no tab at all: the browser is gone before the first page
            self.browser.mark_dead(f"no tab could be opened: {first_line(exc)}")
            self.frontier.queue.put_nowait(item)
        finally:
            self.frontier.queue.task_done()
        if not self.browser.dead.is_set():
            await self._workers()

    async def _before_crawl(self, page: Page, start: str) -> None:
        """After the consent choice: sign in (visit.login), add sitemap pages (sitemap)."""
        if self.login is not None:
            observation, _consent, links = await self.visitor.sign_in(page, self.login)
            self.collect(observation)
            for link in (page.url, *links):
                self.frontier.add(link, 1)
        if self.settings.sitemap:
            for url in await sitemap_urls(page, start):
                self.frontier.add(url, 0)

    async def _restart(self, landing_url: str, pages_done: int) -> bool:
        """Relaunch on a fresh profile and make the choice again; a launch that fails or dies
        on the way counts as one more death. False ends the state."""
        while True:
            self.deaths += 1
            reason = self.browser.death or "the browser died"
            if self.deaths > MAX_RESTARTS:
                where = self.died_at or "an unknown page"
                self.stop = (
                    f"the browser died {self.deaths} times (last: {reason}, at {where}); "
                    "the state was stopped"
                )
                return False
            try:
                await self.browser.restart()
                reapplied = await self._choose_again(landing_url)
            except Error as exc:
                self.browser.death = f"it could not be restarted: {first_line(exc)}"
                continue
            if not self.browser.dead.is_set():
                break
        self.restarts.append(BrowserRestart(self.died_at, reason, pages_done, reapplied))
        self.died_at = ""
        if reapplied is False:
            self.stop = "after a browser restart the consent choice could not be made again"
            return False
        return True

    async def _choose_again(self, landing_url: str) -> bool | None:
        """Make the state's consent choice on the landing page of the new browser."""
        if not self.visitor.recorder.state.chooses:
            return None
        page = await self._first_page()
        async with self.slots:
            observation, evidence, _links = await self.visitor.visit(
                page, (landing_url, 0), landing=True
            )
        self._record(observation, ())
        return evidence.applied and not self.browser.dead.is_set()

    async def _workers(self) -> None:
        """Run the workers until the frontier is done or the browser dies."""
        try:
            first: Page | None = await self._first_page()
        except Error as exc:
            self.browser.mark_dead(f"no tab could be opened: {first_line(exc)}")
            return
        pages = [first, *([None] * (max(self.settings.concurrency, 1) - 1))]
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
            async with self.slots:  # a tab opens only with a page to visit and a slot
                try:
                    page = await self._page(page)
                except Error as exc:  # no new tab: the browser is gone, visit after a restart
                    self.browser.mark_dead(f"no tab could be opened: {first_line(exc)}")
                    self.frontier.queue.put_nowait(item)
                    self.frontier.queue.task_done()
                    return
                keep = page is self._first  # other tabs live only while they hold a slot
                try:
                    observation, _consent, links = await self.visitor.visit(
                        page, item, keep_tab=keep
                    )
                    self._record(observation, links)
                finally:
                    self.frontier.queue.task_done()
                page = page if keep else None

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
            await self.visitor.recorder.watch_page(self.browser.context, first)
            self._first = first
        return first

    async def _page(self, page: Page | None) -> Page:
        """``page`` if it is still usable, else a new tab (DevTools attached)."""
        if page is not None and not page.is_closed() and page not in self.browser.crashed:
            return page
        if page is not None and not page.is_closed():
            await close_page(self.browser.context, page)
        fresh = await self.browser.new_page()
        await self.visitor.recorder.watch_page(self.browser.context, fresh)
        return fresh

    def _record(self, observation: Observation, links: tuple[str, ...]) -> None:
        if observation.failure is FailureKind.BROWSER_DIED:
            self.died_at = self.died_at or observation.url
        self.collect(observation)
        for link in links:
            self.frontier.add(link, observation.depth + 1)
