"""Shared fixtures: local HTTPS fixture sites, and scanning them with the real Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.commands.demo import demo_site_root
from scanner.config import ScanConfig
from scanner.crawl.crawler import CrawlSettings
from scanner.declarations import load_declarations
from scanner.demo.server import LocalSite
from scanner.model import ConsentState, ScanResult
from scanner.scan import ScanProgress, run_scan

SITES = Path(__file__).parent / "sites"


def _serve(root: Path) -> Iterator[LocalSite]:
    with LocalSite(root) as site:
        yield site


@pytest.fixture(scope="session")
def demo_site() -> Iterator[LocalSite]:
    """The bundled demo shop, served on loopback."""
    yield from _serve(demo_site_root())


@pytest.fixture(scope="session")
def multistep_site() -> Iterator[LocalSite]:
    """A site whose reject needs two steps, with a third-party iframe and broken pages."""
    yield from _serve(SITES / "multistep")


@pytest.fixture(scope="session")
def nobanner_site() -> Iterator[LocalSite]:
    """A site with a tracker pixel and no consent banner at all."""
    yield from _serve(SITES / "nobanner")


def scan_site(
    site: LocalSite,
    host: str,
    states: tuple[ConsentState, ...] = tuple(ConsentState),
    block_third_party_cookies: bool = False,
    **crawl: object,
) -> ScanResult:
    """Scan ``host`` of a fixture site with its own expected_cookies.yaml, in real Chromium."""
    settings = {"max_pages": 20, "depth": 2, "concurrency": 2, "settle_s": 1.0,
                "banner_wait_s": 3.0, "page_timeout_s": 15.0} | crawl  # fmt: skip
    config = ScanConfig(
        targets=(site.url(host, "/"),),
        declarations=load_declarations(site.root / "expected_cookies.yaml"),
        out_dir=Path("unused"),
        states=states,
        crawl=CrawlSettings(**settings),  # type: ignore[arg-type]
        resolve=site.resolve_rules,
        ignore_https_errors=True,
        block_third_party_cookies=block_third_party_cookies,
    )
    return asyncio.run(run_scan(config, ScanProgress(config)))
