"""Every supported CMP, reproduced with its real DOM and JS API, operated by its own rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_driver import EngineDriver, engine_driver

from scanner.consent.engine import ConsentEngine
from scanner.demo.server import LocalSite
from scanner.model import ConsentControls, ConsentState

pytestmark = pytest.mark.browser
SITE = Path(__file__).parents[1] / "sites" / "cmps"
# host -> (CMP name, steps to accept, steps to reject)
CMPS = {
    "www.onetrust-shop.test": ("OneTrust", 1, 1),
    "www.cookiebot-shop.test": ("Cookiebot", 1, 1),
    "www.didomi-shop.test": ("Didomi", 1, 2),
    "www.usercentrics-shop.test": ("Usercentrics", 1, 1),
    "www.quantcast-shop.test": ("Quantcast Choice", 1, 3),
    "www.trustarc-shop.test": ("TrustArc", 1, 2),
    "www.sourcepoint-shop.test": ("Sourcepoint", 1, 2),
    "www.consentmanager-shop.test": ("consentmanager.net", 1, 1),
    "www.fundingchoices-shop.test": ("Google Funding Choices", 1, 1),
    "www.cookieyes-shop.test": ("CookieYes", 1, 2),
    "www.complianz-shop.test": ("Complianz", 1, 1),
    "www.osano-shop.test": ("Osano", 1, 1),
    "www.klaro-shop.test": ("Klaro", 1, 1),
    "www.iubenda-shop.test": ("iubenda", 1, 1),
    "www.borlabs-shop.test": ("Borlabs Cookie", 1, 1),
    "www.termly-shop.test": ("Termly", 1, 2),
    "www.axeptio-shop.test": ("Axeptio", 1, 1),
    "www.tarteaucitron-shop.test": ("tarteaucitron", 1, 1),
    "www.cookiescript-shop.test": ("Cookie Script", 1, 1),
    "www.vanillacc-shop.test": ("vanilla-cookieconsent", 1, 1),
    "www.cookiefirst-shop.test": ("CookieFirst", 1, 2),
}


@pytest.fixture(scope="module")
def driver() -> Iterator[EngineDriver]:
    with LocalSite(SITE) as site, engine_driver(site) as d:
        yield d


def engine(wait_s: float = 3.0) -> ConsentEngine:
    return ConsentEngine(ConsentControls(), wait_s)


@pytest.mark.parametrize("host", sorted(CMPS))
@pytest.mark.parametrize("state", [ConsentState.ACCEPT, ConsentState.REJECT])
def test_cmp_rule_applies_and_self_test_passes(
    driver: EngineDriver, host: str, state: ConsentState
) -> None:
    name, accept_steps, reject_steps = CMPS[host]
    evidence = driver.run(driver.apply(engine(), host, state))
    assert evidence.applied, evidence.detail
    assert (evidence.strategy, evidence.cmp) == ("cmp-rule", name)
    assert len(evidence.steps) == (accept_steps if state is ConsentState.ACCEPT else reject_steps)
    signals = dict(evidence.signals)
    assert signals["banner"] == "found" and signals["banner.after"] == "gone"
    assert signals["cmp.choice"] == state.value
    assert evidence.self_test.startswith("passed"), evidence.self_test
    assert evidence.screenshot and evidence.screenshot.startswith("iVBOR")
