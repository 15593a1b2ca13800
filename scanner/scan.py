"""Orchestration only: one fresh profile per consent state, then rules, into a ScanResult."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from playwright.async_api import Error, async_playwright

from scanner import __version__
from scanner.config import ScanConfig
from scanner.crawl.browser import (
    BrowserOptions,
    browser_version,
    default_user_agent,
    find_browser,
)
from scanner.crawl.crawler import PlaywrightCrawler
from scanner.errors import ScanError
from scanner.knowledge import KnowledgeBase, load_knowledge
from scanner.model import (
    ConsentEvidence,
    ConsentState,
    Observation,
    ScanMeta,
    ScanResult,
    StateResult,
)
from scanner.policy_gate import apply_policy, rule_context
from scanner.rules import evaluate
from scanner.waivers import apply_waivers


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class ScanProgress:
    """Keeps everything found so far, so an interrupted scan still has a report."""

    config: ScanConfig
    started_at: str = field(default_factory=_now)
    browser: str = ""
    done: list[StateResult] = field(default_factory=list)
    current: ConsentState | None = None
    pages: list[Observation] = field(default_factory=list)
    listeners: list[Callable[[str, ConsentState, Observation | None], None]] = field(
        default_factory=list
    )

    def state_started(self, state: ConsentState) -> None:
        """A state's fresh profile is being launched."""
        self.current, self.pages = state, []
        self._tell("state", state, None)

    def page_done(self, observation: Observation) -> None:
        """A page of the current state has been recorded."""
        self.pages.append(observation)
        self._tell("page", observation.state, observation)

    def state_done(self, result: StateResult) -> None:
        """A state finished."""
        self.done.append(result)
        self.current, self.pages = None, []
        self._tell("done", result.state, None)

    def _tell(self, event: str, state: ConsentState, observation: Observation | None) -> None:
        for listener in self.listeners:
            listener(event, state, observation)

    def result(self, interrupted: bool = False) -> ScanResult:
        """The scan's result from what has been recorded (all of it, or up to an interrupt)."""
        states = list(self.done)
        if self.current is not None:
            evidence = ConsentEvidence(self.current, False, detail="the scan was interrupted")
            states.append(StateResult(self.current, evidence, tuple(self.pages)))
        return build_result(self.config, tuple(states), self.started_at, self.browser, interrupted)


def build_result(
    config: ScanConfig,
    states: tuple[StateResult, ...],
    started_at: str,
    browser: str,
    interrupted: bool = False,
) -> ScanResult:
    """Apply the rules, the policy and the waivers; wrap it all with the scan's metadata."""
    knowledge = load_knowledge()
    ctx = rule_context(config.declarations, states, knowledge)
    waivers = config.declarations.waivers
    findings = apply_waivers(apply_policy(evaluate(ctx), ctx), waivers, datetime.now(UTC).date())
    meta = ScanMeta(
        targets=config.targets,
        started_at=started_at,
        finished_at=_now(),
        scanner_version=__version__,
        browser_version=browser,
        declared_path=config.declarations.path,
        states=tuple(s.state for s in states),
        settings=_settings(config) + _knowledge_settings(knowledge),
        interrupted=interrupted,
    )
    return ScanResult(meta, config.declarations, states, findings)


def _settings(config: ScanConfig) -> tuple[tuple[str, str], ...]:
    crawl = config.crawl
    return (
        ("states", ",".join(s.value for s in config.states)),
        ("max_pages", str(crawl.max_pages)),
        ("depth", str(crawl.depth)),
        ("concurrency", str(crawl.concurrency)),
        ("third_party_cookies", "block" if config.block_third_party_cookies else "allow"),
        ("include", " ".join(crawl.include)),
        ("exclude", " ".join(crawl.exclude)),
        ("resolve", " ".join(config.resolve)),
        ("extra_headers", ", ".join(name for name, _ in config.extra_headers)),
        ("http_credentials", config.http_credentials.source if config.http_credentials else ""),
        ("user_agent", config.user_agent or "default Chrome"),
        ("locale", config.locale),
        ("viewport", "x".join(str(n) for n in config.viewport)),
    )


def _knowledge_settings(knowledge: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """Which version of each knowledge source judged the scan (``knowledge.cookies`` ...)."""
    return tuple((f"knowledge.{name}", version) for name, version in knowledge.versions().items())


async def run_scan(config: ScanConfig, progress: ScanProgress) -> ScanResult:
    """Crawl every requested state in its own fresh profile and evaluate the rules."""
    async with async_playwright() as playwright:
        location = find_browser(config.browser_path, playwright.chromium.executable_path)
        progress.browser = f"Chromium {browser_version(location.path)}".strip()
        options = BrowserOptions(
            executable=location.path,
            headless=config.headless,
            block_third_party_cookies=config.block_third_party_cookies,
            user_agent=config.user_agent or default_user_agent(browser_version(location.path)),
            locale=config.locale,
            viewport=config.viewport,
            resolve=config.resolve,
            ignore_https_errors=config.ignore_https_errors,
            http_credentials=config.http_credentials,
            extra_headers=config.extra_headers,
        )
        crawler = PlaywrightCrawler(
            playwright, options, config.crawl, config.declarations.consent, secrets.token_bytes(32)
        )
        for state in config.states:
            progress.state_started(state)
            try:
                result = await crawler.crawl(state, config.targets, progress.page_done)
            except Error as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
                raise ScanError(f"the browser could not run ({location.how}): {first}") from exc
            progress.state_done(result)
    return progress.result()
