"""A sample scan with a gpc state holding fingerprinting, a recorder, a key logger and GPC."""

from __future__ import annotations

from dataclasses import replace

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
