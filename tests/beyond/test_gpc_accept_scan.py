"""The gpc-accept state: GPC on, then "accept all"; an override is a finding unless declared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from beyond_site import build_beyond_site
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Finding, Phase, ScanResult

pytestmark = pytest.mark.browser
GPC, GPC_ACCEPT = ConsentState.GPC, ConsentState.GPC_ACCEPT
OPTIN, STEADFAST = "www.gpc-optin.test", "www.gpc-steadfast.test"
ADS = "ads.adx-exchange.test"
OVERRIDDEN, DECLARED = "gpc_overridden_by_accept", "gpc_override_declared"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSite]:
    with LocalSite(build_beyond_site(tmp_path_factory.mktemp("beyond"))) as served:
        yield served


def kinds(result: ScanResult, *wanted: str) -> list[Finding]:
    return [f for f in result.findings if f.kind in wanted]


def state(result: ScanResult, which: ConsentState) -> dict[str, str]:
    return dict(next(s for s in result.states if s.state is which).consent.signals)


def test_an_accept_that_overrides_gpc_undeclared_is_a_finding(site: LocalSite) -> None:
    site.clear_requests()
    result = scan_site(site, OPTIN, (GPC, GPC_ACCEPT))
    tagged = {r.sec_gpc for r in site.requests if r.host == ADS}
    assert tagged == {True}  # the ad tag loaded only in gpc-accept, and it got Sec-GPC: 1
    (overridden,) = kinds(result, OVERRIDDEN, DECLARED, "gpc_ignored")
    evidence = dict(overridden.evidence)
    assert (overridden.kind, overridden.subject) == (OVERRIDDEN, "adx-exchange.test")
    assert overridden.state is GPC_ACCEPT and overridden.severity.value == "medium"
    assert evidence["cookies_written"] == "adx_uid"
    assert evidence["gpc_state"] == "not active in gpc without a choice: the accept turned it on"
    assert evidence["before_accept"] == "not active"
    assert evidence["accept_overrides_gpc"] == "not declared (policy.accept_overrides_gpc)"
    assert evidence["usp.string"] == "1YYN in gpc, 1YNN after accept"
    assert evidence["gpp.usnat.SaleOptOut"] == "1 in gpc, 2 after accept"
    chosen = next(s for s in result.states if s.state is GPC_ACCEPT)
    assert chosen.consent.applied and chosen.consent.strategy == "declared"
    assert {r.phase for r in chosen.requests() if r.host == ADS} == {Phase.AFTER_CONSENT}
    signals = state(result, GPC_ACCEPT)
    assert signals["gpc.navigator"] == "true" and signals["gpc.header"] == "Sec-GPC: 1"
    assert signals["gpc.json"] == "gpc=true, lastUpdate=2026-01-15"


def test_a_declared_override_is_information_only(site: LocalSite, tmp_path: Path) -> None:
    declared = tmp_path / "expected_cookies.yaml"
    text = (site.root / "expected_cookies.yaml").read_text()
    declared.write_text(text + "policy:\n  accept_overrides_gpc: true\n")
    line = len(text.splitlines()) + 2
    result = scan_site(site, OPTIN, (GPC_ACCEPT,), declared=declared)
    assert kinds(result, OVERRIDDEN) == []
    (outcome,) = kinds(result, DECLARED)
    assert outcome.subject == "adx-exchange.test" and outcome.severity.value == "info"
    assert outcome.declaration_line == line
    assert dict(outcome.evidence)["accept_overrides_gpc"] == (
        f"declared: policy.accept_overrides_gpc: true ({declared}:{line})"
    )
    assert dict(outcome.evidence)["usp.string"] == "1YNN after accept (gpc not scanned)"


def test_a_site_that_honours_gpc_even_after_accept(site: LocalSite) -> None:
    result = scan_site(site, STEADFAST, (GPC_ACCEPT,))
    assert kinds(result, OVERRIDDEN, DECLARED, "gpc_ignored") == []
    (chosen,) = result.states
    assert chosen.consent.applied
    assert any(c.name == "bc_consent" for c in chosen.cookies())  # the accept was made
    assert not any(r.host == ADS for r in chosen.requests())
    assert state(result, GPC_ACCEPT)["usp.string"] == "1YYN"
