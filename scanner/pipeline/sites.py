"""`cookiescan scan --sites FILE`: many sites in one run, one shared pool of pages and states."""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Console

from scanner.crawl.browser.pool import CrawlPool, open_pool
from scanner.crawl.visit.session import crawl_states
from scanner.declared import load_declarations
from scanner.declared.sites import SiteEntry
from scanner.errors import CookiescanError, ExitCode
from scanner.model import Declarations
from scanner.pipeline.execute import save_reports, sigterm_as_interrupt
from scanner.pipeline.manifest import ShardManifest
from scanner.pipeline.progress import ScanProgress
from scanner.pipeline.run import crawl_plan, judge_progress
from scanner.report import OutputFormat
from scanner.report.context import ReportOptions
from scanner.report.context.verdict import exit_code
from scanner.report.portfolio.run_summary import (
    SiteOutcome,
    print_summary,
    write_sites_index,
    write_summary,
)
from scanner.settings.config import ScanConfig
from scanner.settings.flags import build_config, print_warning, resolve_args


def states_at_once(cores: int | None = None) -> int:
    """Consent states (a fresh context each, all in one browser) running at once across a
    --sites run, the next one starting as soon as one ends: one site's three states on two
    cores or fewer, two sites' worth above.

    Measured on an idle 2-core machine (six-site benchmark, --concurrency 4, two runs each):
    3 states at once 38.0-38.1 s and 899-903 MiB peak PSS, 4 states 37.1-39.7 s and 948-978
    MiB, 6 states 36.7-41.1 s and 1085-1090 MiB: the cores, not the states, are the limit.
    """
    count = os.cpu_count() if cores is None else cores
    return 3 if (count or 1) <= 2 else 6


@dataclass(slots=True)
class _Site:
    """One site of the run as it goes: its settings (or why it has none) and its progress."""

    entry: SiteEntry
    config: ScanConfig | None = None
    error: str | None = None
    code: int = int(ExitCode.CLEAN)
    progress: ScanProgress = field(default_factory=ScanProgress)
    outcome: SiteOutcome | None = None
    started: float = field(default_factory=time.monotonic)


def prepare(
    args: argparse.Namespace, entry: SiteEntry, declarations: Declarations, out: Path
) -> _Site:
    """A site's settings: its own declared file (or the run's), flags, env; errors kept."""
    site = _Site(entry)
    try:
        if entry.declared is not None:
            declarations = load_declarations(entry.declared, print_warning)
        settled = resolve_args(args, declarations)
        targets = list(entry.urls) or ([declarations.site] if declarations.site else [])
        config = build_config(settled, declarations, targets)
        site.config = replace(config, out_dir=out / entry.slug)
    except CookiescanError as exc:
        site.error, site.code = str(exc), int(exc.exit_code)
    return site


def run_sites(
    args: argparse.Namespace,
    entries: tuple[SiteEntry, ...],
    declarations: Declarations,
    formats: tuple[OutputFormat, ...],
    options: ReportOptions,
    console: Console | None = None,
    manifest: ShardManifest | None = None,
) -> int:
    """Scan every site with one shared pool; reports per site, one summary; the worst exit.

    With a shard ``manifest``, shard.json says "running" from the start and "done" at the end.
    """
    console = console or Console(highlight=False)
    out = Path(resolve_args(args, declarations).out)
    if manifest is not None:
        manifest.write("running")
    sites = [prepare(args, entry, declarations, out) for entry in entries]
    pages = resolve_args(args, declarations).concurrency
    interrupted = False
    with sigterm_as_interrupt():
        try:
            asyncio.run(_crawl_all(sites, pages, formats, options))
        except KeyboardInterrupt:
            interrupted = True
    outcomes = [site.outcome or _finish(site, formats, options, interrupted) for site in sites]
    summary = write_summary(out, outcomes, interrupted, options.language)
    index = write_sites_index(out, outcomes, options.language)
    print_summary(outcomes, console)
    console.print(f"summary: {summary}", markup=False, highlight=False)
    console.print(f"index: {index}", markup=False, highlight=False)
    code = max((o.exit_code for o in outcomes), default=int(ExitCode.CLEAN))
    if manifest is not None:
        browsers = {o.ctx.result.meta.browser_version for o in outcomes if o.ctx}
        manifest.browser = ", ".join(sorted(browsers))
        manifest.write("interrupted" if interrupted else "done", code)
    return code


async def _crawl_all(
    sites: list[_Site], pages: int, formats: tuple[OutputFormat, ...], options: ReportOptions
) -> None:
    async with open_pool(pages, states_at_once()) as pool:
        await asyncio.gather(*(_crawl_site(s, pool, formats, options) for s in sites))


async def _crawl_site(
    site: _Site, pool: CrawlPool, formats: tuple[OutputFormat, ...], options: ReportOptions
) -> None:
    """Crawl one site; a site that fails is recorded as failed and the others go on."""
    if site.config is None:
        return
    site.started = time.monotonic()
    try:
        await crawl_states(crawl_plan(site.config), site.progress, pool)
    except CookiescanError as exc:
        site.error, site.code = str(exc), int(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - one site's crash must not stop the others
        site.error = f"{type(exc).__name__}: {exc}"
        site.code = int(ExitCode.SCAN_FAILED)
    site.outcome = _finish(site, formats, options, False)
    Console(stderr=True, highlight=False).print(
        f"{site.entry.name}: {site.outcome.status}", markup=False, highlight=False
    )


def _finish(
    site: _Site, formats: tuple[OutputFormat, ...], options: ReportOptions, interrupted: bool
) -> SiteOutcome:
    """Judge and write one site's reports (partial when interrupted); its exit code."""
    seconds = round(time.monotonic() - site.started, 3)
    if site.config is None or site.error is not None:
        return SiteOutcome(site.entry, site.code, seconds, error=site.error)
    result = judge_progress(site.config, site.progress, interrupted)
    try:
        ctx, saved = save_reports(
            site.config,
            result,
            formats,
            replace(options, fail_on=site.config.fail_on, language=site.config.report_language),
        )
    except CookiescanError as exc:
        return SiteOutcome(site.entry, int(exc.exit_code), seconds, error=str(exc))
    return SiteOutcome(site.entry, exit_code(ctx.verdict, interrupted), seconds, ctx, saved.folder)
