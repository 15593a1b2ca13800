"""Scan a local fixture site with its own expected_cookies.yaml, in the real Chromium."""

from __future__ import annotations

import asyncio
from pathlib import Path

from scanner.crawl.options import BrowserOptions, CrawlSettings
from scanner.declared.loader import load_declarations
from scanner.demo.server import LocalSite
from scanner.model import DEFAULT_STATES, ConsentState, ScanResult
from scanner.pipeline.progress import ScanProgress
from scanner.pipeline.run import run_scan
from scanner.settings.config import ScanConfig


def scan_site(
    site: LocalSite,
    host: str,
    states: tuple[ConsentState, ...] = DEFAULT_STATES,
    block_third_party_cookies: bool = False,
    endpoint: str = "",
    declared: Path | None = None,
    **crawl: object,
) -> ScanResult:
    """Scan ``host`` of a fixture site with its own expected_cookies.yaml (or ``declared``)."""
    settings = {"max_pages": 20, "depth": 2, "concurrency": 2, "settle_s": 1.0,
                "banner_wait_s": 3.0, "page_timeout_s": 15.0} | crawl  # fmt: skip
    config = ScanConfig(
        targets=(site.url(host, "/"),),
        declarations=load_declarations(declared or site.root / "expected_cookies.yaml"),
        out_dir=Path("unused"),
        states=states,
        crawl=CrawlSettings(**settings),  # type: ignore[arg-type]
        browser=BrowserOptions(
            resolve=site.resolve_rules,
            ignore_https_errors=True,
            block_third_party_cookies=block_third_party_cookies,
            endpoint=endpoint,
        ),
    )
    return asyncio.run(run_scan(config, ScanProgress()))
