"""Tests that report.schema.json describes report.json exactly and rejects broken reports."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from typing import Any

import jsonschema
import pytest
from samples import SAMPLES, huge_scan, realistic_scan

from scanner import model
from scanner.model import FirstPartyDomain, KeptCookie
from scanner.report.context.counts import StateSummary
from scanner.report.formats import json_report
from scanner.report.schema import load_schema

VALIDATOR = jsonschema.Draft202012Validator(load_schema())

# Schema $defs that mirror a model record field for field.
RECORD_DEFS: dict[str, type] = {
    "meta": model.ScanMeta,
    "collector_failure": model.CollectorFailure,
    "cookie_declaration": model.CookieDeclaration,
    "third_party_declaration": model.ThirdPartyDeclaration,
    "technique_declaration": model.TechniqueDeclaration,
    "storage_declaration": model.StorageDeclaration,
    "declarations": model.Declarations,
    "cookie": model.CookieRecord,
    "storage": model.StorageRecord,
    "request": model.RequestRecord,
    "consent_evidence": model.ConsentEvidence,
    "observation": model.Observation,
    "fingerprint": model.FingerprintRecord,
    "recording": model.RecordingRecord,
    "keystroke": model.KeystrokeRecord,
    "state_result": model.StateResult,
    "finding": model.Finding,
    "state_summary": StateSummary,
    "skipped_url": model.SkippedUrl,
    "browser_restart": model.BrowserRestart,
    "classification": model.Classification,
    "known_fact": model.KnownFact,
    "judgement": model.Judgement,
    "first_party_domain": model.FirstPartyDomain,
    "kept_cookie": model.KeptCookie,
    "banner_design": model.BannerDesign,
    "control_look": model.ControlLook,
    "toggle_look": model.ToggleLook,
    "pay_wall": model.PayWall,
    "interaction_step": model.InteractionStep,
    "dwell": model.Dwell,
    "implied_consent": model.ImpliedConsent,
    "browser_profile": model.BrowserProfile,
    "tell": model.Tell,
}
ENUM_DEFS: dict[str, Any] = {
    "state": model.ConsentState,
    "severity": model.Severity,
    "phase": model.Phase,
    "party": model.Party,
    "set_by": model.SetBy,
    "category": model.Category,
    "storage_kind": model.StorageKind,
    "failure_kind": model.FailureKind,
}


def _report(name: str) -> dict[str, Any]:
    result = huge_scan(cookies=200, requests=2_000, pages=10) if name == "huge" else SAMPLES[name]()
    data: dict[str, Any] = json.loads(json_report.render(result))
    return data


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())
    assert load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_validates(name: str) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(_report(name))]
    assert errors == []


@pytest.mark.parametrize(("name", "cls"), sorted(RECORD_DEFS.items()))
def test_record_defs_list_exactly_the_model_fields(name: str, cls: type) -> None:
    definition = load_schema()["$defs"][name]
    names = {f.name for f in fields(cls) if f.metadata.get("json", True)}  # not: kept in memory
    assert set(definition["properties"]) == names
    assert set(definition["required"]) == names
    assert definition["additionalProperties"] is False


@pytest.mark.parametrize(("name", "enum"), sorted(ENUM_DEFS.items()))
def test_enum_defs_match_the_model_enums(name: str, enum: Any) -> None:
    assert load_schema()["$defs"][name]["enum"] == [m.value for m in enum]


def _first_cookie(d: dict[str, Any]) -> dict[str, Any]:
    cookie: dict[str, Any] = d["states"][0]["observations"][0]["cookies"][0]
    return cookie


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.pop("findings"), "$"),
        (lambda d: d["meta"].pop("interrupted"), "$.meta"),
        (lambda d: d["findings"][0].update(severity="fatal"), "$.findings[0].severity"),
        (lambda d: d["states"][1].update(state="maybe"), "$.states[1].state"),
        (lambda d: _first_cookie(d).update(party="fourth"), "cookies[0].party"),
        (lambda d: _first_cookie(d).update(set_by="magic"), "cookies[0].set_by"),
        (lambda d: _first_cookie(d).update(phase="later"), "cookies[0].phase"),
        (lambda d: _first_cookie(d).update(value="secret"), "cookies[0]"),
        (lambda d: d["findings"][0].update(kind="Not A Kind"), "$.findings[0].kind"),
        (lambda d: d.update(schema_version="0.9"), "$.schema_version"),
        (lambda d: d["summary"].update(verdict="pass"), "$.summary"),
    ],
)
def test_a_broken_report_fails(mutate: Any, where: str) -> None:
    data = _report("realistic")
    mutate(data)
    errors = list(VALIDATOR.iter_errors(data))
    assert errors, "the broken report validated"
    assert any(e.json_path.endswith(where) for e in errors), [e.json_path for e in errors]


def test_a_new_finding_kind_is_allowed() -> None:
    data = json_report.to_dict(realistic_scan())
    data["findings"][0]["kind"] = "cookie_shared_with_partner"
    data["summary"]["findings"]["by_kind"] = {"cookie_shared_with_partner": 1}
    VALIDATOR.validate(data)


def test_workers_beacons_frames_first_party_and_kept_cookies_validate_and_round_trip() -> None:
    scan = realistic_scan()
    first = (
        FirstPartyDomain("example.test", "landed"),
        FirstPartyDomain("cdn.test", "--first-party"),
    )
    kept = (
        KeptCookie(
            "_vid", ".example.test", "/", "ab12", "https://a/", ("https://b/",), ("https://a/c.js",)
        ),
    )
    state = scan.states[-1]
    page = state.observations[0]
    request = replace(
        page.requests[0], worker="service worker https://a/sw.js", beacon="sendBeacon",
        frame_chain=("https://a/", "https://ads.test/f.html"),
    )  # fmt: skip
    page = replace(page, requests=(request, *page.requests[1:]))
    state = replace(state, observations=(page, *state.observations[1:]), first_party=first,
                    kept_cookies=kept)  # fmt: skip
    scan = replace(scan, meta=replace(scan.meta, first_party=first),
                   states=(*scan.states[:-1], state),
                   declarations=replace(scan.declarations, first_party=("cdn.test",)))  # fmt: skip
    data = json.loads(json_report.render(scan))
    assert [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(data)] == []
    assert data["states"][-1]["kept_cookies"][0]["sent_on"] == ["https://b/"]
    assert data["meta"]["first_party"][0] == {"domain": "example.test", "reason": "landed"}
    back = json_report.from_dict(data)
    assert back.states[-1].kept_cookies == kept
    assert back.states[-1].observations[0].requests[0] == request
    assert back.meta.first_party == first
