"""Each strategy of the engine, the self-test catching an ignored click, and the signal checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from engine_driver import EngineDriver, engine_driver

from scanner.consent.autoconsent import find_autoconsent, load_bundle, run_autoconsent
from scanner.consent.cmp_rules import rule_named
from scanner.consent.engine import ConsentEngine
from scanner.consent.inspect import plan_consent
from scanner.demo.server import LocalSite
from scanner.model import ConsentControls, ConsentState

pytestmark = pytest.mark.browser
SITE = Path(__file__).parents[1] / "sites" / "cmps"
ACCEPT, REJECT = ConsentState.ACCEPT, ConsentState.REJECT


@pytest.fixture(scope="module")
def driver() -> Iterator[EngineDriver]:
    with LocalSite(SITE) as site, engine_driver(site) as d:
        yield d


def test_declared_selectors_come_first(driver: EngineDriver) -> None:
    engine = ConsentEngine(ConsentControls(reject=("#onetrust-reject-all-handler",)), 3.0)
    evidence = driver.run(driver.apply(engine, "www.onetrust-shop.test", REJECT))
    assert (evidence.applied, evidence.strategy, evidence.cmp) == (True, "declared", "OneTrust")
    assert dict(evidence.signals)["cmp.choice"] == "reject"


def test_cmp_api_is_used_when_no_control_shows(driver: EngineDriver) -> None:
    didomi = rule_named("Didomi")
    assert didomi is not None
    engine = ConsentEngine(ConsentControls(), 1.0, rules=(replace(didomi, reject=()),))
    evidence = driver.run(driver.apply(engine, "www.didomi-shop.test", REJECT))
    assert evidence.applied and evidence.strategy == "cmp-rule"
    assert evidence.steps == ("api: Didomi.setUserDisagreeToAll()",)
    assert dict(evidence.signals)["cmp.choice"] == "reject"


@pytest.mark.parametrize(
    ("host", "state", "steps"),
    [
        ("www.norsk-butikk.test", ACCEPT, ("Godta alle",)),
        ("www.norsk-butikk.test", REJECT, ("Avvis alle",)),
        ("www.turk-magaza.test", REJECT, ("Ayarlar", "Tümünü reddet")),
    ],
)
def test_heuristic_reads_norwegian_and_turkish(
    driver: EngineDriver, host: str, state: ConsentState, steps: tuple[str, ...]
) -> None:
    evidence = driver.run(driver.apply(ConsentEngine(ConsentControls(), 3.0), host, state))
    assert evidence.applied and evidence.strategy == "heuristic" and evidence.cmp is None
    assert [s.split("'")[1] for s in evidence.steps] == list(steps)
    assert dict(evidence.signals)["banner.after"] == "gone"
    assert evidence.self_test.startswith("passed")


def test_self_test_catches_a_cmp_that_ignores_the_click(driver: EngineDriver) -> None:
    engine = ConsentEngine(ConsentControls(), 2.0)
    evidence = driver.run(driver.apply(engine, "www.ignoring-cmp.test", REJECT))
    assert evidence.applied and evidence.strategy == "cmp-rule"
    assert dict(evidence.signals)["banner.after"] == "still visible"
    assert evidence.self_test.startswith("failed: the banner is still visible")


def test_signals_catch_consent_mode_and_tcf_leaks(driver: EngineDriver) -> None:
    engine = ConsentEngine(ConsentControls(), 2.0)
    evidence = driver.run(driver.apply(engine, "www.leaky-cmp.test", REJECT))
    signals = dict(evidence.signals)
    assert evidence.applied and signals["cmp.choice"] == "reject"
    assert signals["tcf.before.purposes"] == "1" and signals["tcf.after.purposes"] == "none"
    assert signals["gcs.before"] == "G111" and signals["gcs.after"] == "G111"
    assert signals["gcd.after.ad_storage"] == "granted"
    assert signals["gcm.after.ad_storage"] == "granted"
    assert "Consent Mode granted after reject" in evidence.self_test


def test_consent_mode_agrees_after_a_proper_reject(driver: EngineDriver) -> None:
    evidence = driver.run(
        driver.apply(ConsentEngine(ConsentControls(), 2.0), "www.cookiebot-shop.test", REJECT)
    )
    signals = dict(evidence.signals)
    assert signals["gcs.after"] == "G100" and signals["gcm.after.analytics_storage"] == "denied"
    assert "Consent Mode agrees" in evidence.self_test


def test_plan_lists_controls_without_clicking(driver: EngineDriver) -> None:
    async def plan() -> tuple[object, ...]:
        page = await driver.open("www.cookieyes-shop.test")
        result = await plan_consent(ConsentEngine(ConsentControls(), 2.0), page)
        banner_still_there = await page.locator(".cky-consent-container").is_visible()
        await page.close()
        return result.cmp, result.strategy, result.accept, result.reject, banner_still_there

    cmp, strategy, accept, reject, visible = driver.run(plan())
    assert (cmp, strategy, visible) == ("CookieYes", "cmp-rule", True)
    assert accept == (".cky-consent-container [data-cky-tag=accept-button]",)
    assert len(reject) == 2 and "detail-reject-button" in reject[1]


def test_autoconsent_drives_a_cmp_without_our_rules(driver: EngineDriver) -> None:
    path = find_autoconsent()
    if path is None:
        pytest.skip("autoconsent not installed (make autoconsent; needs npm)")
    engine = ConsentEngine(ConsentControls(), 3.0, load_bundle(path), rules=())
    evidence = driver.run(driver.apply(engine, "www.onetrust-shop.test", REJECT))
    assert evidence.applied, evidence.detail
    assert evidence.strategy == "autoconsent" and evidence.cmp
    assert evidence.steps[0].startswith("autoconsent optOut")


def test_autoconsent_on_a_settled_page_stops_once_every_rule_was_checked(
    driver: EngineDriver,
) -> None:
    """No consent manager, page settled: the answer comes from autoconsent's finished pass in
    every frame (the page and its iframe), not from the end of the (here 60 s) search."""
    path = find_autoconsent()
    if path is None:
        pytest.skip("autoconsent not installed (make autoconsent; needs npm)")
    bundle = load_bundle(path)

    async def search() -> tuple[str | None, str, int]:
        page = await driver.open("www.plain-shop.test")
        cmp, attempt = await run_autoconsent(page, bundle, REJECT, 60.0, 1.0, settled=True)
        frames = len(page.frames)
        await page.close()
        return cmp, attempt.detail, frames

    cmp, detail, frames = driver.run(search())
    assert frames == 2 and cmp is None
    assert detail == "autoconsent found no consent popup after every frame checked every rule once"
