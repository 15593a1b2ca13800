"""--browser-endpoint: a scan on a separately started Chromium (a fleet node) over CDP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import async_playwright
from remote_chromium import remote_chromium
from sitescan import scan_site

from scanner.cli import main
from scanner.crawl.browser.remote import RemoteSlot, verify_clean, wipe
from scanner.demo.server import LocalSite
from scanner.errors import ScanError
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


async def _prove_dirty(endpoint: str, seed: str) -> str:
    """Leave a cookie and a localStorage key on the browser, then ask for the proof."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.connect_over_cdp(endpoint)
        try:
            context = browser.contexts[0]
            await context.add_cookies([{"name": "left", "value": "1", "url": seed}])
            slot = RemoteSlot(endpoint="http://user:secret@node:9222/?token=abc")
            with pytest.raises(ScanError) as refused:
                await verify_clean(browser, context, slot, (seed,))
            await wipe(browser, context, {seed.rstrip("/")})
            await verify_clean(browser, context, slot, (seed,))
            return str(refused.value)
        finally:
            await browser.close()


def test_a_browser_that_is_not_clean_is_refused(demo_site: LocalSite, node: str) -> None:
    message = asyncio.run(_prove_dirty(node, demo_site.url(HOST, "/")))
    assert "could not be proven clean" in message and "1 cookie(s)" in message
    assert "http://node:9222/" in message and "secret" not in message and "abc" not in message


def test_an_unreachable_endpoint_is_exit_3_without_credentials(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    endpoint = "http://user:secret@127.0.0.1:9/?token=abc"
    args = ["scan", "https://www.demo-shop.test/", "--browser-endpoint", endpoint]
    assert main([*args, "--out", str(tmp_path), "--format", "json"]) == 3
    err = capsys.readouterr().err
    assert "cannot connect to the browser at http://127.0.0.1:9/" in err
    assert "secret" not in err and "abc" not in err
