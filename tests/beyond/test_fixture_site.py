"""The beyond-cookies fixture pages really run their npm libraries in Chromium."""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from beyond_site import SHOP, build_beyond_site
from playwright.async_api import async_playwright

from scanner.crawl.browser.launch import launch_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.options import BrowserOptions
from scanner.demo.server import LocalSite, ServedRequest

pytestmark = pytest.mark.browser
GPC_SCRIPT = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSite]:
    with LocalSite(build_beyond_site(tmp_path_factory.mktemp("beyond"))) as served:
        yield served


async def _visit(
    site: LocalSite, url: str, gpc: bool = False, typed: str = "", until: str = "true"
) -> str:
    """Open ``url`` in a fresh profile, type into its first field, wait for ``until``.

    Returns the page's ``data-*`` marks on ``<html>`` as JSON.
    """
    async with async_playwright() as pw:
        path = find_browser(None, pw.chromium.executable_path).path
        headers = (("Sec-GPC", "1"),) if gpc else ()
        options = BrowserOptions(path, resolve=site.resolve_rules, ignore_https_errors=True,
                                 extra_headers=headers)  # fmt: skip
        with tempfile.TemporaryDirectory() as profile:
            context = await launch_profile(pw, options, Path(profile))
            if gpc:
                await context.add_init_script(script=GPC_SCRIPT)
            page = await context.new_page()
            await page.goto(url, wait_until="load")
            if typed:
                await page.locator("input").first.press_sequentially(typed)
            await page.wait_for_function(until)
            marks = await page.evaluate("JSON.stringify(document.documentElement.dataset)")
            await context.close()
            return str(marks)


def _seen(site: LocalSite, host: str, path: str, method: str = "GET") -> ServedRequest | None:
    return site.wait_for_request(lambda r: (r.host, r.path, r.method) == (host, path, method))


def test_fingerprintjs_computes_a_visitor_id(site: LocalSite) -> None:
    url = site.url(SHOP, "/fingerprint")
    marks = asyncio.run(_visit(site, url, until="document.documentElement.dataset.visitor"))
    assert '"visitor":"' in marks


def test_chart_js_draws_a_chart(site: LocalSite) -> None:
    assert '"chart"' in asyncio.run(_visit(site, site.url(SHOP, "/chart")))


def test_rrweb_streams_recorded_events(site: LocalSite) -> None:
    site.clear_requests()
    sent = "performance.getEntriesByName('https://rec.replay-stream.test/events').length > 0"
    asyncio.run(_visit(site, site.url(SHOP, "/recording"), typed="hello", until=sent))
    assert _seen(site, "rec.replay-stream.test", "/events", "POST") is not None


def test_key_logger_sends_what_is_typed(site: LocalSite) -> None:
    site.clear_requests()
    sent = "performance.getEntriesByName('https://keys.keystroke-metrics.test/k').length > 0"
    asyncio.run(_visit(site, site.url(SHOP, "/keylogger"), typed="hello", until=sent))
    assert _seen(site, "keys.keystroke-metrics.test", "/k", "POST") is not None


@pytest.mark.parametrize(("host", "gpc", "tagged"), [
    ("www.gpc-honours.test", True, False), ("www.gpc-honours.test", False, True),
    ("www.gpc-ignores.test", True, True),
])  # fmt: skip
def test_gpc_sites_load_the_ad_tag_or_not(
    site: LocalSite, host: str, gpc: bool, tagged: bool
) -> None:
    marks = asyncio.run(_visit(site, site.url(host, "/"), gpc=gpc))
    assert ('"adx"' in marks) is tagged
    support = site.content.respond(host, "/.well-known/gpc.json")
    assert (support.status, json.loads(support.body)["gpc"]) == (200, True)
