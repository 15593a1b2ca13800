"""Shared fixtures: the local HTTPS fixture sites, served on loopback for the browser tests."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner.commands.demo import demo_site_root
from scanner.crawl.browser.trace import TRACE_ENV
from scanner.demo.server import LocalSite

SITES = Path(__file__).parent / "sites"
RESULTS = Path(__file__).parent.parent / "test-results"


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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember each phase's outcome on the item, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"outcome_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def keep_browser_trace_on_failure(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Browser tests record a Playwright trace per consent state (with screenshots); when the
    test fails it is kept in test-results/<test>/ (open with `playwright show-trace`)."""
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    traces = tmp_path / "traces"
    monkeypatch.setenv(TRACE_ENV, str(traces))
    yield
    outcome = getattr(request.node, "outcome_call", None)
    if outcome is not None and outcome.failed and traces.is_dir():
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.nodeid).strip("-")[:150]
        target = RESULTS / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(traces, target)
