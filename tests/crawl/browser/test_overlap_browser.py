"""The three consent states crawl at the same time and cannot leak into each other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sitescan import scan_site

from scanner.crawl.browser.launch import launch_profile
from scanner.crawl.browser.shared import SharedBrowser
from scanner.crawl.visit.page_visit import PageVisitor
from scanner.demo.server import LocalSite
from scanner.model import DEFAULT_STATES, ConsentState, ScanResult, StateResult

pytestmark = pytest.mark.browser


class ContextLog:
    """Wraps SharedBrowser.new_context: the states' contexts, how many at once, the launches."""

    def __init__(self, new_context: Any, launch: Any) -> None:
        self.new_context = new_context
        self.launch = launch
        self.contexts: list[Any] = []
        self.launch_dirs: list[Path] = []
        self.open = 0
        self.peak = 0

    async def launched(self, playwright: Any, options: Any, user_data_dir: Path) -> Any:
        assert not any(user_data_dir.iterdir()), "a browser profile must start empty"
        self.launch_dirs.append(user_data_dir)
        return await self.launch(playwright, options, user_data_dir)

    async def __call__(self, browser: Any, options: Any) -> Any:
        context = await self.new_context(browser, options)
        assert await context.cookies() == [], "a state's profile must start with no cookie"
        assert context.pages == [], "a state's profile must start with no tab"
        self.contexts.append(context)
        self.open += 1
        self.peak = max(self.peak, self.open)

        def closed(_: object) -> None:
            self.open -= 1

        context.on("close", closed)
        return context


class VisitLog:
    """Wraps PageVisitor.visit: how many pages are being visited at once, all states."""

    def __init__(self, visit: Any) -> None:
        self.visit = visit
        self.open = 0
        self.peak = 0

    async def __call__(self, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        self.open += 1
        self.peak = max(self.peak, self.open)
        try:
            return await self.visit(crawler, *args, **kwargs)
        finally:
            self.open -= 1


CONCURRENCY = 2


@pytest.fixture(scope="module")
def overlapped(
    multistep_site: LocalSite, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ScanResult, ContextLog, VisitLog]:
    with pytest.MonkeyPatch.context() as patch:
        # An empty cache: the probe reads the browser in a context of its own (probe_cache.py).
        patch.setenv("COOKIESCAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        log = ContextLog(SharedBrowser.new_context, launch_profile)
        visits = VisitLog(PageVisitor.visit)

        async def logged(browser: Any, options: Any) -> Any:
            return await log(browser, options)

        patch.setattr(SharedBrowser, "new_context", logged)
        patch.setattr("scanner.crawl.browser.shared.launch_profile", log.launched)

        async def counted(crawler: Any, *args: Any, **kwargs: Any) -> Any:
            return await visits(crawler, *args, **kwargs)

        patch.setattr(PageVisitor, "visit", counted)
        result = scan_site(multistep_site, "www.multistep.test", concurrency=CONCURRENCY)
    return result, log, visits


def state(result: ScanResult, which: ConsentState) -> StateResult:
    return next(s for s in result.states if s.state is which)


def test_states_run_at_once_in_distinct_fresh_profiles(
    overlapped: tuple[ScanResult, ContextLog, VisitLog],
) -> None:
    result, log, visits = overlapped
    # The three states' profiles are open at the same time, the profile probe's beside them
    # (it runs while the states crawl, in a context of its own).
    assert log.peak in (3, 4), "the three states' profiles must be open at the same time"
    # The profile probe's context, then one per state.
    assert len({id(c) for c in log.contexts}) == 4
    assert len(log.launch_dirs) == 1, "the states share one browser launch"
    assert [s.state for s in result.states] == list(DEFAULT_STATES)
    assert visits.peak == CONCURRENCY, "--concurrency bounds the pages of all states together"


def test_accept_cookies_and_storage_never_reach_the_other_states(
    overlapped: tuple[ScanResult, ContextLog, VisitLog],
) -> None:
    result, _, _ = overlapped
    accept = state(result, ConsentState.ACCEPT)
    assert any(c.name == "sb_id" for c in accept.cookies())
    socialbox = "https://widgets.socialbox.test"
    assert any(s.origin == socialbox for s in accept.storage())
    accepted_only = {c.name for c in accept.cookies()} - {
        c.name for s in result.states if s.state is not ConsentState.ACCEPT for c in s.cookies()
    }
    assert "sb_id" in accepted_only
    for which in (ConsentState.NONE, ConsentState.REJECT):
        other = state(result, which)
        assert not [c for c in other.cookies() if c.name == "sb_id"]
        assert not [s for s in other.storage() if s.origin == socialbox]
        assert all(o.state is which for o in other.observations)


def test_every_state_records_its_own_pages(
    overlapped: tuple[ScanResult, ContextLog, VisitLog],
) -> None:
    result, _, _ = overlapped
    urls = [{o.url for o in s.observations} for s in result.states]
    assert urls[0] == urls[1] == urls[2]
    for s in result.states:
        assert len({o.url for o in s.observations}) == len(s.observations)
