"""Tests for report.junit.xml: one case per rule and state, parsed by junitparser."""

from __future__ import annotations

from dataclasses import replace

import pytest
from junitparser import Failure, JUnitXml, TestSuite
from report_helpers import baseline_scan
from samples import HOSTILE_HTML, SAMPLES, empty_scan, realistic_scan

from scanner.model import ScanResult, Severity, Waiver
from scanner.model.findings import finding_kinds
from scanner.report import OutputFormat, render
from scanner.report.context import ReportOptions
from scanner.report.formats.junit import render_junit


def _parse(result: ScanResult, options: ReportOptions | None = None) -> dict[str, TestSuite]:
    xml = JUnitXml.fromstring(render_junit(result, options))
    return {suite.name: suite for suite in xml}


def _failed(suite: TestSuite) -> dict[str, Failure]:
    return {
        case.name.split(":")[0]: result
        for case in suite
        for result in case.result
        if isinstance(result, Failure)
    }


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_parses(name: str) -> None:
    xml = JUnitXml.fromstring(render(OutputFormat.JUNIT, SAMPLES[name]()))
    assert xml.tests == sum(suite.tests for suite in xml)


def test_one_case_per_rule_and_state() -> None:
    suites = _parse(realistic_scan())
    assert list(suites) == [
        "cookiescan.none",
        "cookiescan.accept",
        "cookiescan.reject",
        "cookiescan.scan",
    ]
    for suite in suites.values():
        names = [case.name.split(":")[0] for case in suite]
        assert names == list(finding_kinds()), suite.name
        assert suite.tests == len(finding_kinds())


def test_cases_fail_for_findings_at_or_above_the_threshold() -> None:
    suites = _parse(realistic_scan(), ReportOptions(fail_on=Severity.MEDIUM))
    assert set(_failed(suites["cookiescan.none"])) == {
        "undeclared_cookie",
        "undeclared_third_party",
        "cookie_before_consent",
        "tracker_request_before_consent",
    }
    assert set(_failed(suites["cookiescan.accept"])) == {"lifetime_over_13_months"}
    assert set(_failed(suites["cookiescan.reject"])) == {
        "cookie_after_reject",
        "tracker_request_after_reject",
        "consent_not_applied",
    }
    assert _failed(suites["cookiescan.scan"]) == {}  # declared_not_observed is info
    failure = _failed(suites["cookiescan.none"])["cookie_before_consent"]
    assert "_fbp" in failure.text and "What to do:" in failure.text


def test_never_failing_policy_has_no_failures_and_below_threshold_goes_to_output() -> None:
    xml = JUnitXml.fromstring(render_junit(realistic_scan(), ReportOptions(fail_on=None)))
    assert xml.failures == 0
    text = render_junit(realistic_scan(), ReportOptions(fail_on=Severity.HIGH))
    assert "<system-out>" in text and "legacy_pref" in text


def test_fail_on_new_fails_only_new_findings_and_mentions_resolved() -> None:
    options = ReportOptions(Severity.LOW, baseline_scan(), fail_on_new=True)
    suites = _parse(realistic_scan(), options)
    assert "cookie_after_reject" not in _failed(suites["cookiescan.reject"])  # unchanged
    assert "tracker_request_after_reject" in _failed(suites["cookiescan.reject"])  # new
    assert "[resolved]" in render_junit(realistic_scan(), options)


def test_a_waived_finding_does_not_fail() -> None:
    result = realistic_scan()
    waiver = Waiver("cookie_after_reject", "IDE", "contract", "dpo", "2099-01-01")
    findings = tuple(
        replace(f, waiver=waiver) if f.subject == "IDE" else f for f in result.findings
    )
    suites = _parse(replace(result, findings=findings))
    assert "cookie_after_reject" not in _failed(suites["cookiescan.reject"])


def test_hostile_text_is_valid_xml_and_inert() -> None:
    text = render_junit(SAMPLES["hostile"]())
    assert HOSTILE_HTML not in text and "\x1b" not in text
    suites = _parse(SAMPLES["hostile"]())
    assert "future_kind" in [case.name.split(":")[0] for case in suites["cookiescan.none"]]


def test_an_empty_scan_has_no_suites() -> None:
    assert JUnitXml.fromstring(render_junit(empty_scan())).tests == 0
