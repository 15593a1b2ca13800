"""Tests for report.json: content, determinism, summary counts and the from_dict round trip."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from samples import (
    HOSTILE_STRINGS,
    SAMPLES,
    empty_scan,
    finding,
    hostile_scan,
    realistic_scan,
)

from scanner import __version__
from scanner.errors import ConfigError
from scanner.model import ScanResult
from scanner.report.context import build_context
from scanner.report.formats import json_report
from scanner.report.text.codec import DecodeError


def _sorted_evidence(result: ScanResult) -> ScanResult:
    """``result`` with evidence and settings in key order, as a JSON object gives them back."""
    findings = tuple(replace(f, evidence=tuple(sorted(f.evidence))) for f in result.findings)
    meta = replace(result.meta, settings=tuple(sorted(result.meta.settings)))
    return replace(result, meta=meta, findings=findings)


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_round_trip_through_dict_is_exact(name: str) -> None:
    result = SAMPLES[name]()
    assert json_report.from_dict(json_report.to_dict(result)) == result


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_round_trip_through_text_keeps_everything_but_evidence_order(name: str) -> None:
    result = SAMPLES[name]()
    assert json_report.loads(json_report.render(result)) == _sorted_evidence(result)


def test_render_is_deterministic_sorted_and_indented() -> None:
    text = json_report.render(realistic_scan())
    assert text == json_report.render(realistic_scan())
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert list(data) == sorted(data)


def test_header_names_schema_and_tool() -> None:
    data = json_report.to_dict(realistic_scan())
    assert data["schema_version"] == "1.2"
    assert data["tool"] == {"name": "cookiescan", "version": __version__}
    assert data["meta"]["states"] == ["none", "accept", "reject"]
    assert data["meta"]["settings"]["max_pages"] == "20"


def test_lists_keep_scan_order() -> None:
    result = realistic_scan()
    data = json_report.to_dict(result)
    assert [f["kind"] for f in data["findings"]] == [f.kind for f in result.findings]
    assert [s["state"] for s in data["states"]] == ["none", "accept", "reject"]
    assert [d["line"] for d in data["declarations"]["cookies"]] == [8, 14, 21]


def test_summary_counts_findings_pages_cookies_and_third_parties() -> None:
    summary = json_report.to_dict(realistic_scan())["summary"]
    assert summary["findings"]["total"] == 11
    assert summary["findings"]["by_severity"] == {"high": 5, "medium": 3, "low": 2, "info": 1}
    assert summary["findings"]["by_kind"]["page_failed"] == 1
    assert len(summary["findings"]["by_kind"]) == 11
    none, accept, reject = summary["states"]
    assert (none["state"], none["pages"], none["pages_failed"]) == ("none", 3, 1)
    assert (none["cookies"], none["third_party_domains"], none["storage_items"]) == (2, 2, 1)
    assert (accept["cookies"], accept["consent_applied"]) == (3, True)
    assert (reject["third_party_cookies"], reject["consent_applied"]) == (1, False)
    assert "verdict" not in _keys(summary)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_no_cookie_or_storage_value_is_ever_written(name: str) -> None:
    keys = _keys(json_report.to_dict(SAMPLES[name]()))
    assert "value" not in keys
    assert "value_digest" in keys or name == "empty"


def test_evidence_is_an_object_and_repeated_keys_are_kept() -> None:
    f = finding("undeclared_cookie", evidence=(("url", "a"), ("url", "b"), ("url", "c")))
    result = replace(empty_scan(), findings=(f,))
    evidence = json_report.to_dict(result)["findings"][0]["evidence"]
    assert evidence == {"url": "a", "url#2": "b", "url#3": "c"}


def test_hostile_text_is_kept_verbatim_and_non_ascii_is_not_escaped() -> None:
    text = json_report.render(hostile_scan())
    names = [f["subject"] for f in json.loads(text)["findings"]]
    assert names[: len(HOSTILE_STRINGS)] == list(HOSTILE_STRINGS)
    assert "\u202eevil" in text  # ensure_ascii=False
    assert "\x1b" not in text and "\\u001b[31m" in text  # control characters are JSON-escaped


def test_an_unknown_finding_kind_passes_through() -> None:
    data = json_report.to_dict(hostile_scan())
    assert data["findings"][-1]["kind"] == "future_kind"
    assert data["summary"]["findings"]["by_kind"]["future_kind"] == 1


def test_non_finite_floats_become_null() -> None:
    result = realistic_scan()
    state = result.states[1]
    evidence = replace(state.consent, acted_at=float("nan"))
    result = replace(result, states=(result.states[0], replace(state, consent=evidence)))
    text = json_report.render(result)
    assert json.loads(text)["states"][1]["consent"]["acted_at"] is None
    assert "NaN" not in text


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema_version="2.0"), "unsupported schema_version '2.0'"),
        (lambda d: d.pop("meta"), "missing key 'meta'"),
        (lambda d: d["findings"][0].update(severity="fatal"), r"\$\.findings\[0\]\.severity"),
        (lambda d: d["states"][0]["consent"].update(applied="yes"), "expected bool, got str"),
        (lambda d: d["states"][0]["observations"][0].update(depth=True), "expected int, got bool"),
        (lambda d: d["findings"][0].update(evidence=[]), "expected dict, got list"),
    ],
)
def test_from_dict_names_the_bad_place(mutate: Any, message: str) -> None:
    data = json.loads(json_report.render(realistic_scan()))
    mutate(data)
    with pytest.raises(DecodeError, match=message) as info:
        json_report.from_dict(data, source="baseline.json")
    assert isinstance(info.value, ConfigError)
    assert str(info.value).startswith("baseline.json")


def test_loads_rejects_text_that_is_not_json() -> None:
    with pytest.raises(DecodeError, match=r"base\.json: not JSON"):
        json_report.loads("{", source="base.json")


def test_the_reporter_renders_the_same_text() -> None:
    result = realistic_scan()
    assert json_report.JsonReporter().render(build_context(result)) == json_report.render(result)


def test_a_report_of_schema_1_0_still_loads_for_baselines_and_diff() -> None:
    """1.1 only added fields: a 1.0 report (no judgement, no setting sources) is read back."""
    data = json.loads(json_report.render(realistic_scan()))
    data["schema_version"] = "1.0"
    del data["judgement"]
    del data["meta"]["setting_sources"]
    old = json_report.loads(json.dumps(data))
    assert old.judgement.cookies == () and old.meta.setting_sources == ()
    assert len(old.findings) == len(realistic_scan().findings)
