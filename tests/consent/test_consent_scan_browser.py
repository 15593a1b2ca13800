"""Full scans: consent evidence of real crawls, and the consent finding kinds they produce."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Finding, ScanResult
from scanner.rules.consent import CONSENT_RULES
from scanner.rules.context import rule_context

pytestmark = pytest.mark.browser
SITE = Path(__file__).parents[1] / "sites" / "cmps"
ACCEPT, REJECT = ConsentState.ACCEPT, ConsentState.REJECT


@pytest.fixture(scope="module")
def cmp_site() -> Iterator[LocalSite]:
    with LocalSite(SITE) as site:
        yield site


def consent_findings(result: ScanResult) -> list[Finding]:
    ctx = rule_context(result.declarations, result.states, judgement=result.judgement)
    return [f for rule in CONSENT_RULES for f in rule(ctx)]


def test_scan_records_cmp_strategy_self_test_and_harder_reject(cmp_site: LocalSite) -> None:
    result = scan_site(cmp_site, "www.cookieyes-shop.test", states=(ACCEPT, REJECT), max_pages=2)
    for state in result.states:
        consent = state.consent
        assert (consent.applied, consent.cmp, consent.strategy) == (True, "CookieYes", "cmp-rule")
        assert consent.self_test.startswith("passed") and consent.screenshot
        assert dict(consent.signals)["gcs.after"] == ("G111" if state.state is ACCEPT else "G100")
    kinds = {f.kind: f for f in consent_findings(result)}
    assert set(kinds) == {"reject_harder_than_accept"}
    assert kinds["reject_harder_than_accept"].subject == "reject takes 2 steps, accept 1"


def test_scan_flags_signals_that_contradict_reject(cmp_site: LocalSite) -> None:
    result = scan_site(cmp_site, "www.leaky-cmp.test", states=(REJECT,), max_pages=1)
    subjects = {f.subject for f in consent_findings(result) if f.kind == "consent_signal_mismatch"}
    assert "after reject: Google Consent Mode granted after reject (gcs=G111)" in subjects
    assert "before any choice: TCF purposes consented before any choice: 1" in subjects


def test_scan_without_banner_but_with_a_tracker(nobanner_site: LocalSite) -> None:
    result = scan_site(nobanner_site, "www.nobanner.test", states=(ConsentState.NONE, ACCEPT))
    accept = result.states[1].consent
    assert not accept.applied and dict(accept.signals)["banner"] == "not found"
    assert [f.kind for f in consent_findings(result)] == ["no_consent_banner"]
