"""Tests for report.sarif: valid SARIF 2.1.0 (official schema), rules, locations, baseline."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_helpers import baseline_scan, every_kind_scan
from samples import SAMPLES, huge_scan, realistic_scan

from scanner.model import ScanResult, Severity, Waiver
from scanner.model.findings import finding_kinds
from scanner.report import OutputFormat, render
from scanner.report.context import ReportOptions
from scanner.report.formats.sarif import render_sarif

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)


def _log(result: ScanResult, options: ReportOptions | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_sarif(result, options))
    return data


def _assert_valid(log: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(log)]
    assert errors == []


def test_the_schema_is_the_official_sarif_2_1_0_schema() -> None:
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_is_valid_sarif(name: str) -> None:
    result = huge_scan(cookies=200, requests=500, pages=5) if name == "huge" else SAMPLES[name]()
    log = json.loads(render(OutputFormat.SARIF, result))
    _assert_valid(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"][0]["results"]) == len(result.findings)


def test_every_finding_kind_is_a_rule_with_help() -> None:
    run = _log(every_kind_scan())["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == set(finding_kinds())
    for kind, info in finding_kinds().items():
        assert rules[kind]["shortDescription"]["text"] == info.title
        assert info.fix in rules[kind]["help"]["text"]
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_findings_point_at_the_declaration_line() -> None:
    run = _log(realistic_scan())["runs"][0]
    by_kind = {r["ruleId"]: r for r in run["results"]}

    def line(kind: str) -> int:
        region = by_kind[kind]["locations"][0]["physicalLocation"]["region"]
        return int(region["startLine"])

    assert line("tracker_request_before_consent") == 28  # its own declaration_line
    assert line("lifetime_exceeds_declared") == 14
    assert line("declared_not_observed") == 21
    assert line("undeclared_cookie") == 1  # nothing declared: the top of the file
    location = by_kind["undeclared_cookie"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "expected_cookies.yaml",
        "uriBaseId": "%SRCROOT%",
        "index": 0,
    }


def test_levels_follow_severity_and_an_absolute_path_is_a_file_uri() -> None:
    result = realistic_scan()
    result = replace(result, meta=replace(result.meta, declared_path="/repo/expected_cookies.yaml"))
    run = _log(result)["runs"][0]
    levels = {r["properties"]["severity"]: r["level"] for r in run["results"]}
    assert levels == {"high": "error", "medium": "warning", "low": "note", "info": "note"}
    assert run["artifacts"][0]["location"]["uri"] == "file:///repo/expected_cookies.yaml"


def test_without_a_declarations_file_results_have_logical_locations_only() -> None:
    result = realistic_scan()
    result = replace(
        result,
        meta=replace(result.meta, declared_path=None),
        declarations=replace(result.declarations, path=None),
    )
    log = _log(result)
    _assert_valid(log)
    assert all("physicalLocation" not in r["locations"][0] for r in log["runs"][0]["results"])


def test_a_baseline_sets_baseline_state_and_lists_resolved_findings() -> None:
    log = _log(realistic_scan(), ReportOptions(baseline=baseline_scan()))
    _assert_valid(log)
    states = [r["baselineState"] for r in log["runs"][0]["results"]]
    assert states.count("unchanged") == 1 and states.count("absent") == 1
    assert states.count("new") == len(realistic_scan().findings) - 1


def test_a_waived_finding_is_a_suppression() -> None:
    result = realistic_scan()
    waiver = Waiver(
        "cookie_after_reject", "IDE", "vendor contract", "dpo@example.test", "2099-01-01", 40
    )
    findings = tuple(
        replace(f, waiver=waiver) if f.kind == "cookie_after_reject" else f for f in result.findings
    )
    log = _log(replace(result, findings=findings))
    _assert_valid(log)
    (waived,) = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert waived["suppressions"][0]["kind"] == "external"
    assert "vendor contract" in waived["suppressions"][0]["justification"]


def test_hostile_text_is_cleaned_and_fingerprints_are_stable() -> None:
    text = render_sarif(SAMPLES["hostile"]())
    assert "\x1b" not in text and "\u202e" not in text
    first = _log(SAMPLES["hostile"]())["runs"][0]["results"]
    again = _log(SAMPLES["hostile"]())["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in again]
    assert len({json.dumps(r["partialFingerprints"]) for r in first}) == len(first)
    assert Severity.HIGH.value in {r["properties"]["severity"] for r in first}
