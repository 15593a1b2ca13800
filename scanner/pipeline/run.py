"""Running a scan: crawl every state, then judge what was found into a ScanResult."""

from __future__ import annotations

from dataclasses import replace

from scanner.crawl.visit.session import CrawlPlan, crawl_states
from scanner.model import ScanResult
from scanner.pipeline.progress import ScanProgress
from scanner.pipeline.result import build_result
from scanner.settings.config import ScanConfig
from scanner.settings.first_party import first_party_of


def crawl_plan(config: ScanConfig) -> CrawlPlan:
    """The crawl layer's view of a scan's settings."""
    return CrawlPlan(
        targets=config.targets,
        states=config.states,
        crawl=replace(config.crawl, first_party=first_party_of(config)),
        browser=config.browser,
        browser_path=config.browser_path,
        consent=config.declarations.consent,
        login=config.login,
    )


async def run_scan(config: ScanConfig, progress: ScanProgress) -> ScanResult:
    """Crawl every requested state in its own fresh profile, then judge the whole scan."""
    await crawl_states(crawl_plan(config), progress)
    return judge_progress(config, progress)


def judge_progress(
    config: ScanConfig,
    progress: ScanProgress,
    interrupted: bool = False,
    error: str | None = None,
) -> ScanResult:
    """The scan's result from what ``progress`` holds (all of it, or up to an interrupt or
    an error, which is then recorded in the result)."""
    why = f"the scan failed: {error}" if error else "the scan was interrupted"
    states = progress.states(why)
    return build_result(
        config,
        states,
        progress.started_at,
        progress.browser,
        interrupted,
        error=error,
        profile=(progress.profile, progress.tells),
    )
