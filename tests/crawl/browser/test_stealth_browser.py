"""A site that shows its trackers only to visitors its bot detectors call human (FingerprintJS
BotD, the DevTools Runtime.enable leak, the puppeteer-extra stealth checks): the scanner must
see them in every state, launched locally and through --browser-endpoint."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from remote_chromium import remote_chromium
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import DEFAULT_STATES, ScanResult

pytestmark = pytest.mark.browser
TESTS = Path(__file__).parents[2]
BOTD = TESTS / "cmp-packages" / "node_modules" / "@fingerprintjs" / "botd" / "dist" / "botd.esm.js"
HOST = "www.botcheck.test"
TRACKER = "px.trackco.test"
# Tells closed by the scanner's identity (identity.py) or absent with its set-up: they must stay
# closed. Tells still open are listed in the README ("Seen as a visitor").
CLOSED = (
    "navigator.webdriver",
    "ua.headless",
    "uadata.",
    "navigator.platform-mismatch",
    "devtools.runtime-enable",
    "botd.",
    "worker.",
    "chrome.",
    "navigator.plugins",
    "permissions.notifications",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSite]:
    if not BOTD.is_file():
        pytest.skip("BotD is not installed: run 'make cmp-fixtures'")
    root = tmp_path_factory.mktemp("stealth")
    shutil.copytree(TESTS / "sites" / "stealth", root, dirs_exist_ok=True)
    for host in (HOST, "www.botframe.test"):
        shutil.copyfile(BOTD, root / host / "botd.esm.js")
    with LocalSite(root) as served:
        yield served


def _verdicts(site: LocalSite) -> dict[str, tuple[str, list[str]]]:
    """Place (page, iframe, worker) -> its verdict and the tells it saw."""
    found = {}
    for request in site.requests:
        if request.path == "/verdict":
            query = parse_qs(request.query)
            tells = [t for t in query.get("tells", [""])[0].split(",") if t]
            found[query["where"][0]] = (query["human"][0], tells)
    return found


def _assert_seen_as_visitor(site: LocalSite, result: ScanResult) -> None:
    for state in result.states:
        hosts = {r.host for r in state.requests()}
        assert TRACKER in hosts, f"{state.state.value}: the site took the scanner for a bot"
    verdicts = _verdicts(site)
    assert set(verdicts) >= {"page", "iframe", "worker"}, verdicts
    for place, (human, tells) in verdicts.items():
        open_ = [t for t in tells if t.startswith(CLOSED)]
        assert (human, open_) == ("1", []), f"{place}: {tells}"


def _scan(site: LocalSite, endpoint: str | None = None) -> ScanResult:
    site.clear_requests()
    result = scan_site(site, HOST, DEFAULT_STATES, endpoint=endpoint, settle_s=3.0, max_pages=1)
    worker = site.wait_for_request(lambda r: r.path == "/verdict" and "worker" in r.query, 10)
    assert worker is not None, "the worker never reported"
    return result


def test_local_browser_is_seen_as_a_visitor(site: LocalSite) -> None:
    _assert_seen_as_visitor(site, _scan(site))


def test_remote_browser_is_seen_as_a_visitor(site: LocalSite) -> None:
    with remote_chromium(site) as endpoint:
        _assert_seen_as_visitor(site, _scan(site, endpoint))
