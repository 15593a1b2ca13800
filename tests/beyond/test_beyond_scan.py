"""A full scan finds fingerprinting, recording, key logging and ignored GPC, not the controls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from beyond_site import SHOP, build_beyond_site
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Finding, ScanResult

pytestmark = pytest.mark.browser
NONE, REJECT, GPC = ConsentState.NONE, ConsentState.REJECT, ConsentState.GPC
FPJS = "libs.beyond-cdn.test"
TECHNIQUES = ("canvas", "font_probing", "webgl", "audio")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSite]:
    with LocalSite(build_beyond_site(tmp_path_factory.mktemp("beyond"))) as served:
        yield served


@pytest.fixture(scope="module")
def shop(site: LocalSite) -> ScanResult:
    return scan_site(site, SHOP, (NONE, REJECT))


def found(result: ScanResult, kind: str) -> dict[str, Finding]:
    return {f.subject: f for f in result.findings if f.kind == kind}


def pages(result: ScanResult, kind: str) -> set[str]:
    return {f.page.rsplit("/", 1)[-1] for f in result.findings if f.kind == kind and f.page}


def test_fingerprintjs_is_fingerprinting_before_consent_and_after_reject(shop: ScanResult) -> None:
    expected = {f"{t} by {FPJS}" for t in TECHNIQUES}
    assert set(found(shop, "fingerprinting_before_consent")) == expected
    assert set(found(shop, "fingerprinting_after_reject")) == expected
    assert set(found(shop, "undeclared_fingerprinting")) == expected
    canvas = found(shop, "fingerprinting_before_consent")[f"canvas by {FPJS}"]
    assert canvas.page == "https://www.beyond-shop.test/fingerprint"
    assert "Cwm fjordbank gly" in dict(canvas.evidence)["what_it_did"]


def test_the_chart_page_is_not_fingerprinting(shop: ScanResult) -> None:
    chart = next(o for s in shop.states for o in s.observations if o.url.endswith("/chart"))
    assert chart.error is None and chart.fingerprinting == ()
    assert "chart" not in pages(shop, "fingerprinting_before_consent")


def test_rrweb_is_session_recording_before_consent_and_after_reject(shop: ScanResult) -> None:
    for kind in ("session_recording_before_consent", "session_recording_after_reject"):
        (recording,) = found(shop, kind).values()
        assert recording.subject == "rec.replay-stream.test"
        assert "FullSnapshot" in dict(recording.evidence)["what_was_sent"]
    assert pages(shop, "session_recording_before_consent") == {"recording"}


def test_typed_text_sent_by_the_logger_and_the_recorder_but_not_by_the_form(
    shop: ScanResult,
) -> None:
    sent = found(shop, "keystrokes_sent")
    assert set(sent) == {"keys.keystroke-metrics.test", "rec.replay-stream.test"}
    assert dict(sent["keys.keystroke-metrics.test"].evidence)["encoding"] == "base64"
    assert dict(sent["rec.replay-stream.test"].evidence)["field"] == "name"
    assert "form" not in pages(shop, "keystrokes_sent")
    form = next(o for s in shop.states for o in s.observations if o.url.endswith("/form"))
    assert form.error is None and form.keystrokes == ()


def test_a_site_that_ignores_gpc(site: LocalSite) -> None:
    site.clear_requests()
    result = scan_site(site, "www.gpc-ignores.test", (NONE, GPC))
    tagged = [r.sec_gpc for r in site.requests if r.host == "ads.adx-exchange.test"]
    assert sorted(set(tagged)) == [False, True]  # Sec-GPC: 1 in the gpc state only
    (ignored,) = found(result, "gpc_ignored").values()
    evidence = dict(ignored.evidence)
    assert ignored.subject == "adx-exchange.test" and ignored.state is GPC
    assert evidence["cookies_written"] == "adx_uid"
    assert evidence["none_state"] == "also contacted without GPC: the signal changed nothing"
    assert evidence["gpc.json"] == "gpc=true, lastUpdate=2026-01-15"
    assert evidence["gpc.navigator"] == "true"
    gpc = next(s for s in result.states if s.state is GPC)
    assert gpc.consent.applied and gpc.consent.strategy == "gpc"
    assert not [f for f in result.findings if f.kind == "consent_not_applied"]


def test_a_site_that_honours_gpc(site: LocalSite) -> None:
    result = scan_site(site, "www.gpc-honours.test", (NONE, GPC))
    assert found(result, "gpc_ignored") == {}
    none, gpc = result.states
    assert any(r.host == "ads.adx-exchange.test" for r in none.requests())
    assert not any(r.host == "ads.adx-exchange.test" for r in gpc.requests())
    assert dict(gpc.consent.signals)["gpc.json"] == "gpc=true, lastUpdate=2026-01-15"
