"""Real open-source consent managers (vendored, pinned), driven without declared selectors."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_driver import EngineDriver, engine_driver
from vendored_cmps import copy_cmps

from scanner.consent.engine import ConsentEngine
from scanner.demo.server import LocalSite
from scanner.model import ConsentControls, ConsentState

pytestmark = pytest.mark.browser
TESTS = Path(__file__).parents[1]
PAGES = TESTS / "sites" / "npmcmps"
HOST = "www.npm-cmps.test"
# page -> CMP name the rules must detect
CMPS = {
    "/vanilla": "vanilla-cookieconsent",
    "/klaro": "Klaro",
    "/osano": "cookieconsent (Osano open source)",
    "/tarteaucitron": "tarteaucitron",
}


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineDriver]:
    root = tmp_path_factory.mktemp("npmcmps")
    shutil.copytree(PAGES, root, dirs_exist_ok=True)
    copy_cmps(root / "cdn.npm-cmps.test")
    with LocalSite(root) as site, engine_driver(site) as d:
        yield d


@pytest.mark.parametrize("path", sorted(CMPS))
@pytest.mark.parametrize("state", [ConsentState.ACCEPT, ConsentState.REJECT])
def test_real_cmp_is_detected_operated_and_verified(
    driver: EngineDriver, path: str, state: ConsentState
) -> None:
    engine = ConsentEngine(ConsentControls(), 5.0)
    evidence = driver.run(driver.apply(engine, HOST, state, path))
    assert evidence.applied, evidence.detail
    assert (evidence.strategy, evidence.cmp) == ("cmp-rule", CMPS[path])
    signals = dict(evidence.signals)
    assert signals["cmp.choice"] == state.value
    assert signals["banner.after"] == "gone", evidence.self_test
    assert evidence.self_test.startswith("passed")
