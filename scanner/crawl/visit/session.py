"""Crawl every requested consent state, each in a fresh browser profile (context), all at once."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field, replace
from typing import Protocol

from playwright.async_api import Error

from scanner.crawl.browser.locate import browser_version, default_user_agent, find_browser
from scanner.crawl.browser.pool import CrawlPool, open_pool
from scanner.crawl.browser.remote import remote_version
from scanner.crawl.browser.sources import BrowserSource, LocalSource, RemoteSource
from scanner.crawl.browser.trace import trace_dir_from_env
from scanner.crawl.options import BrowserOptions, CrawlSettings, LoginPlan, public_endpoint
from scanner.crawl.visit.profile_probe import Probed, probe_profile
from scanner.crawl.visit.state_crawl import StateCrawler
from scanner.errors import ScanError, first_line
from scanner.model import (
    BrowserProfile,
    ConsentControls,
    ConsentState,
    Observation,
    StateResult,
    Tell,
)


class CrawlListener(Protocol):
    """Told about the crawl as it goes (progress display, partial results on interrupt)."""

    def browser_found(self, description: str) -> None:
        """The browser that will run every state, e.g. 'Chromium 156.0.8078.73'."""

    def browser_profiled(self, profile: BrowserProfile, tells: tuple[Tell, ...]) -> None:
        """The visitor the browser presents and the tells left, read before the states start."""

    def state_started(self, state: ConsentState) -> None:
        """A state's fresh profile is being launched (states run at the same time)."""

    def page_done(self, observation: Observation) -> None:
        """A page of ``observation.state`` has been recorded."""

    def state_done(self, result: StateResult) -> None:
        """A state finished."""


@dataclass(frozen=True, slots=True)
class CrawlPlan:
    """What to crawl and how: targets, states, limits, browser and declared consent controls.

    ``browser.executable`` may be empty: the browser is then found (``browser_path`` first);
    an empty ``browser.user_agent`` becomes a normal Chrome user agent for that version.
    """

    targets: tuple[str, ...]
    states: tuple[ConsentState, ...]
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    browser: BrowserOptions = field(default_factory=BrowserOptions)
    browser_path: str | None = None
    consent: ConsentControls = field(default_factory=ConsentControls)
    login: LoginPlan | None = None


async def crawl_states(
    plan: CrawlPlan, listener: CrawlListener, pool: CrawlPool | None = None
) -> None:
    """Crawl every state of ``plan`` at once, each in its own fresh profile.

    Without a ``pool``, the scan has its own: ``plan.crawl.concurrency`` pages at once across
    all states, every state at once, each a fresh context of one shared browser.
    """
    if pool is not None:
        await _crawl_all(plan, listener, pool)
        return
    async with open_pool(plan.crawl.concurrency, len(plan.states)) as own:
        await _crawl_all(plan, listener, own)


async def _crawl_all(plan: CrawlPlan, listener: CrawlListener, pool: CrawlPool) -> None:
    options, how = await _visitor_options(plan, pool, listener)
    probe = _probe(options, pool)
    crawler = StateCrawler(
        pool.browsers,
        options,
        plan.crawl,
        plan.consent,
        secrets.token_bytes(32),
        plan.login,
        pool.pages,
        pool.remote,
    )

    async def one(state: ConsentState) -> None:
        async with pool.states:
            listener.state_started(state)
            try:
                result = await crawler.crawl(state, plan.targets, listener.page_done)
            except Error as exc:
                raise ScanError(f"the browser could not run ({how}): {first_line(exc)}") from exc
            listener.state_done(result)

    async def profiled() -> None:
        profile, tells = await asyncio.shield(probe)
        listener.browser_profiled(profile, tells)

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(profiled())
            for state in plan.states:
                group.create_task(one(state))
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None


def _probe(options: BrowserOptions, pool: CrawlPool) -> asyncio.Task[Probed]:
    """The visitor probe for ``options``: made once per run and options, beside the states.

    The probe has a fresh profile of its own and records nothing, so it runs while the states
    crawl instead of before them (about a second of a one-site scan's wall time), and sites of
    a ``--sites`` run that share the browser options share its reading.
    """
    key = replace(options, har_dir=None, har_path=None, trace_dir=None, storage_state=None)
    task = pool.probes.get(key)
    if task is None:
        task = asyncio.create_task(probe_profile(_probe_source(options, pool), options))
        pool.probes[key] = task
    return task


async def _visitor_options(
    plan: CrawlPlan, pool: CrawlPool, listener: CrawlListener
) -> tuple[BrowserOptions, str]:
    """The browser every state uses (found, or at the endpoint) and the visitor it presents;
    with how it was found, for errors."""
    endpoint = plan.browser.endpoint
    if endpoint:
        version = await remote_version(pool.playwright, endpoint)
        how = f"at {public_endpoint(endpoint)}"
        listener.browser_found(f"Chromium {version} {how}")
        options = plan.browser
    else:
        location = find_browser(plan.browser_path, pool.playwright.chromium.executable_path)
        version, how = browser_version(location.path), location.how
        listener.browser_found(f"Chromium {version}".strip())
        options = replace(plan.browser, executable=location.path)
    options = replace(
        options,
        user_agent=plan.browser.user_agent or default_user_agent(version),
        browser_version=version,
        trace_dir=plan.browser.trace_dir or trace_dir_from_env(),
    )
    return options, how


def _probe_source(options: BrowserOptions, pool: CrawlPool) -> BrowserSource:
    """Where the probe's profile comes from: where the states' come from (state_crawl.py)."""
    if options.endpoint:
        return RemoteSource(pool.browsers, pool.remote, ())
    return LocalSource(pool.browsers)


async def probe_browser(plan: CrawlPlan, listener: CrawlListener) -> Probed:
    """Only the probe a scan with ``plan`` runs (``cookiescan browser``), read afresh."""
    async with open_pool(1, 1) as pool:
        options, _ = await _visitor_options(plan, pool, listener)
        return await probe_profile(_probe_source(options, pool), options, afresh=True)
