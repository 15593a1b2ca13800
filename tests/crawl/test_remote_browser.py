"""--browser-endpoint: a scan on a separately started Chromium (a fleet node) over CDP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from playwright.async_api import async_playwright
from remote_chromium import remote_chromium
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, ScanResult

pytestmark = pytest.mark.browser
HOST = "www.demo-shop.test"
SMALL = {"max_pages": 4, "depth": 1}


@pytest.fixture(scope="module")
def node(demo_site: LocalSite) -> Iterator[str]:
    """The CDP endpoint of a Chromium running in its own process."""
    with remote_chromium(demo_site) as endpoint:
        yield endpoint


def findings(result: ScanResult) -> set[tuple[str, str, str]]:
    return {f.identity for f in result.findings}


def cookie_names(result: ScanResult, state: ConsentState) -> set[tuple[str, str]]:
    return {
        (c.name, c.domain)
        for s in result.states
        if s.state == state
        for o in s.observations
        for c in o.cookies
    }


def storage_keys(result: ScanResult) -> set[tuple[str, str]]:
    return {(r.origin, r.key) for s in result.states for o in s.observations for r in o.storage}


async def _leftovers(endpoint: str) -> list[object]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.connect_over_cdp(endpoint)
        try:
            return list(await browser.contexts[0].cookies())
        finally:
            await browser.close()


def test_remote_scan_gives_the_same_findings_as_a_local_launch(
    demo_site: LocalSite, node: str
) -> None:
    local = scan_site(demo_site, HOST, **SMALL)
    remote = scan_site(demo_site, HOST, endpoint=node, **SMALL)
    assert findings(local)  # the demo site has findings to compare
    assert findings(remote) == findings(local)
    for state in ConsentState:
        assert cookie_names(remote, state) == cookie_names(local, state)
    assert "at ws://127.0.0.1:" in remote.meta.browser_version
    assert dict(remote.meta.settings)["browser_endpoint"].startswith("ws://127.0.0.1:")


def test_nothing_carries_over_to_the_next_scan_on_the_same_browser(
    demo_site: LocalSite, node: str
) -> None:
    accepted = scan_site(demo_site, HOST, states=(ConsentState.ACCEPT,), endpoint=node, **SMALL)
    assert cookie_names(accepted, ConsentState.ACCEPT) and storage_keys(accepted)
    assert asyncio.run(_leftovers(node)) == []
    remote = scan_site(demo_site, HOST, states=(ConsentState.NONE,), endpoint=node, **SMALL)
    local = scan_site(demo_site, HOST, states=(ConsentState.NONE,), **SMALL)
    assert cookie_names(remote, ConsentState.NONE) == cookie_names(local, ConsentState.NONE)
    assert storage_keys(remote) == storage_keys(local)
    assert not cookie_names(accepted, ConsentState.ACCEPT) <= cookie_names(
        remote, ConsentState.NONE
    )
