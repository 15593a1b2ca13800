"""Reports carry the beyond-cookies records and kinds: HTML section, JSON round trip, formats."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest
from report_helpers import soup
from sample_records import finding, page
from samples import judged, realistic_scan

from scanner.model import (
    ConsentEvidence,
    ConsentState,
    FingerprintRecord,
    KeystrokeRecord,
    Party,
    Phase,
    RecordingRecord,
    ScanResult,
    Severity,
    StateResult,
)
from scanner.report import OutputFormat, json_report, render
from scanner.report.html import render_html
from scanner.report.schema import load_schema

EVIL = "https://evil.test/<script>alert(1)</script>.js"
PAGE = "https://www.example.com/contact"


def beyond_scan() -> ScanResult:
    """The realistic scan plus a gpc state with fingerprinting, a recorder and a key logger."""
    base = realistic_scan()
    before = Phase.BEFORE_CONSENT
    prints = (
        FingerprintRecord(
            EVIL,
            "canvas",
            "toDataURL of a 240x60 canvas <b>",
            ("navigator.plugins",),
            Party.THIRD,
            before,
            PAGE,
        ),
    )
    recs = (
        RecordingRecord(
            "rec.hub.test",
            None,
            "rrweb-format events (FullSnapshot x1)",
            3,
            4096,
            None,
            Party.THIRD,
            before,
            PAGE,
        ),
    )
    keys = (
        KeystrokeRecord(
            "rec.hub.test",
            "https://rec.hub.test/collect",
            "plain",
            "body",
            "email",
            Party.THIRD,
            before,
            PAGE,
        ),
    )
    observed = replace(
        page(ConsentState.GPC, PAGE), fingerprinting=prints, recordings=recs, keystrokes=keys
    )
    signals = (
        ("gpc.header", "Sec-GPC: 1"),
        ("gpc.json", "gpc=true, lastUpdate=2026-01-15"),
        ("usp.string", "1YYN"),
    )
    consent = ConsentEvidence(ConsentState.GPC, True, "gpc", signals=signals)
    gpc = StateResult(ConsentState.GPC, consent, (observed,))
    ignored = finding("gpc_ignored", Severity.HIGH, state=ConsentState.GPC, subject="adx.test")
    meta = replace(base.meta, states=(*base.meta.states, ConsentState.GPC))
    return judged(
        replace(base, meta=meta, states=(*base.states, gpc), findings=(*base.findings, ignored))
    )


def test_the_html_report_has_a_beyond_cookies_section_per_state() -> None:
    html = soup(render_html(beyond_scan()))
    section = html.find("section", id="beyond")
    assert section is not None
    headings = [h.get_text() for h in section.find_all("h3")]
    assert headings == ["none", "accept", "reject", "gpc"]
    text = section.get_text(" ")
    assert "gpc=true, lastUpdate=2026-01-15" in text and "1YYN" in text
    assert "ignored: adx.test" in text
    assert "rrweb-format events (FullSnapshot x1)" in text and "4096" in text
    assert "https://rec.hub.test/collect" in text and "email" in text
    assert section.find("script") is None and section.find("b") is None  # escaped
    assert "<script>alert(1)</script>" in text


def test_the_json_report_round_trips_and_validates() -> None:
    result = beyond_scan()
    text = json_report.render(result)
    jsonschema.validate(json.loads(text), load_schema())
    again = json_report.loads(text)
    gpc = again.states[-1]
    assert gpc.state is ConsentState.GPC
    assert gpc.fingerprinting() == result.states[-1].fingerprinting()
    assert gpc.recordings() == result.states[-1].recordings()
    assert gpc.keystrokes() == result.states[-1].keystrokes()


@pytest.mark.parametrize(
    "fmt", [OutputFormat.SARIF, OutputFormat.JUNIT, OutputFormat.MARKDOWN, OutputFormat.TERMINAL]
)
def test_every_format_carries_the_new_kinds(fmt: OutputFormat) -> None:
    out = render(fmt, beyond_scan())
    assert "gpc_ignored" in out or "Global Privacy Control ignored" in out
