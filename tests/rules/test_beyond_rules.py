"""Rules beyond cookies over hand-built records: consent phases, declarations, GPC comparison."""

from __future__ import annotations

from sample_records import SITE, cookie, page, tracker

from scanner.model import (
    Category,
    ConsentEvidence,
    ConsentState,
    Declarations,
    Finding,
    FingerprintRecord,
    KeystrokeRecord,
    Party,
    Phase,
    RecordingRecord,
    StateResult,
    TechniqueDeclaration,
    ThirdPartyDeclaration,
)
from scanner.rules import evaluate
from scanner.rules.context import rule_context

NONE, REJECT, GPC = ConsentState.NONE, ConsentState.REJECT, ConsentState.GPC
BEFORE, AFTER = Phase.BEFORE_CONSENT, Phase.AFTER_CONSENT
FP = "https://fp.check.test/fp.js"
ADS = ThirdPartyDeclaration("adx.test", Category.ADVERTISING, 7)


def fingerprint(technique: str = "canvas", phase: Phase = BEFORE) -> FingerprintRecord:
    return FingerprintRecord(
        FP, technique, "toDataURL of a 240x60 canvas", (), Party.THIRD, phase, SITE
    )


def recording(phase: Phase = BEFORE) -> RecordingRecord:
    return RecordingRecord("rec.test", "Hotjar", "rrweb", 2, 900, None, Party.THIRD, phase, SITE)


def state(which: ConsentState, applied: bool = True, **records: object) -> StateResult:
    signals = (("gpc.json", "gpc=true"),) if which is GPC else ()
    consent = ConsentEvidence(which, applied, signals=signals)
    return StateResult(which, consent, (page(which, **records),))


def findings(*states: StateResult, declarations: Declarations | None = None) -> list[Finding]:
    return list(evaluate(rule_context(declarations or Declarations(), states)))


def subjects(found: list[Finding], kind: str) -> set[str]:
    return {f.subject for f in found if f.kind == kind}


def test_fingerprinting_before_consent_and_after_reject() -> None:
    found = findings(
        state(NONE, fingerprinting=(fingerprint(),)),
        state(REJECT, fingerprinting=(fingerprint("webgl", AFTER),)),
    )
    assert subjects(found, "fingerprinting_before_consent") == {"canvas by fp.check.test"}
    assert subjects(found, "fingerprinting_after_reject") == {"webgl by fp.check.test"}
    assert subjects(found, "undeclared_fingerprinting") == {
        "canvas by fp.check.test",
        "webgl by fp.check.test",
    }


def test_a_refusal_that_was_not_applied_is_not_judged() -> None:
    found = findings(state(REJECT, applied=False, fingerprinting=(fingerprint("canvas", AFTER),)))
    assert subjects(found, "fingerprinting_after_reject") == set()


def test_declared_necessary_fingerprinting_needs_no_consent_but_stays_declared() -> None:
    necessary = TechniqueDeclaration("canvas", Category.NECESSARY, 3, script="check.test")
    found = findings(
        state(NONE, fingerprinting=(fingerprint(),)),
        declarations=Declarations(techniques=(necessary,)),
    )
    assert subjects(found, "fingerprinting_before_consent") == set()
    assert subjects(found, "undeclared_fingerprinting") == set()


def test_a_declaration_for_another_script_or_technique_does_not_cover() -> None:
    other = (
        TechniqueDeclaration("canvas", Category.NECESSARY, 3, script="other.test"),
        TechniqueDeclaration("webgl", Category.NECESSARY, 4),
    )
    found = findings(
        state(NONE, fingerprinting=(fingerprint(),)), declarations=Declarations(techniques=other)
    )
    assert subjects(found, "undeclared_fingerprinting") == {"canvas by fp.check.test"}
    analytics = TechniqueDeclaration("canvas", Category.ANALYTICS, 5, script="*.check.test")
    found = findings(
        state(NONE, fingerprinting=(fingerprint(),)),
        declarations=Declarations(techniques=(analytics,)),
    )
    (before,) = [f for f in found if f.kind == "fingerprinting_before_consent"]
    assert before.declaration_line == 5
    assert subjects(found, "undeclared_fingerprinting") == set()


def test_session_recording_and_keystrokes() -> None:
    keys = KeystrokeRecord(
        "rec.test", "https://rec.test/c", "base64", "body", "email", Party.THIRD, BEFORE, SITE
    )
    found = findings(
        state(NONE, recordings=(recording(),), keystrokes=(keys,)),
        state(REJECT, recordings=(recording(AFTER),)),
    )
    assert subjects(found, "session_recording_before_consent") == {"rec.test"}
    assert subjects(found, "session_recording_after_reject") == {"rec.test"}
    (sent,) = [f for f in found if f.kind == "keystrokes_sent"]
    assert sent.severity.value == "high" and "field 'email'" in sent.message
    assert dict(sent.evidence)["encoding"] == "base64"


def test_an_accept_state_recording_after_consent_is_fine() -> None:
    found = findings(state(ConsentState.ACCEPT, recordings=(recording(AFTER),)))
    assert not subjects(found, "session_recording_before_consent")


def test_gpc_ignored_compares_with_the_none_state() -> None:
    ad = tracker("https://px.adx.test/sync", "adx.test")
    ad_cookie = cookie("adx_uid", domain="px.adx.test", party=Party.THIRD)
    decls = Declarations(third_parties=(ADS,))
    found = findings(
        state(NONE, requests=(ad,)),
        state(GPC, requests=(ad,), cookies=(ad_cookie,)),
        declarations=decls,
    )
    (ignored,) = [f for f in found if f.kind == "gpc_ignored"]
    evidence = dict(ignored.evidence)
    assert (ignored.subject, ignored.state) == ("adx.test", GPC)
    assert evidence["none_state"].startswith("also contacted without GPC")
    assert evidence["gpc.json"] == "gpc=true" and evidence["requests"] == "1"


def test_no_gpc_finding_when_ads_stay_away_or_gpc_was_not_scanned() -> None:
    ad = tracker("https://px.adx.test/sync", "adx.test")
    decls = Declarations(third_parties=(ADS,))
    assert not subjects(
        findings(state(NONE, requests=(ad,)), state(GPC), declarations=decls), "gpc_ignored"
    )
    assert not subjects(findings(state(NONE, requests=(ad,)), declarations=decls), "gpc_ignored")


def test_the_gpc_state_makes_no_consent_choice() -> None:
    found = findings(state(GPC, applied=True))
    assert not [f for f in found if f.kind in ("consent_not_applied", "consent_signal_mismatch")]
