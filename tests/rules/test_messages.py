"""A finding's English message and what other languages show instead: subject and evidence."""

from __future__ import annotations

from message_check import specifics, unbacked
from samples import realistic_scan

import scanner.rules.cookies
import scanner.rules.lifetimes
from scanner.model import Finding
from scanner.model.findings import finding
from scanner.report.context import ReportOptions
from scanner.report.formats.html import render_html


def _lifetime(evidence: list[tuple[str, str]]) -> Finding:
    return finding(
        "lifetime_over_13_months", None, None, "_tl_id @ shop.test",
        "Cookie '_tl_id' asks to live 2 years; the limit is 13 months.", evidence,
    )  # fmt: skip


def test_the_specifics_of_a_message_are_its_quoted_values_and_numbers() -> None:
    message = "Rejecting takes 3 steps but accepting only 1; 'Alle ablehnen' is a \"link\"."
    assert specifics(message) == ["Alle ablehnen", "link", "3", "1"]
    assert specifics("After 'reject all', nothing.") == []  # the scanner's own words


def test_a_specific_missing_from_subject_and_evidence_is_named() -> None:
    backed = _lifetime([("lifetime_requested", "2 years"), ("limit", "13 months")])
    assert unbacked(backed) == []
    assert unbacked(_lifetime([("limit", "13 months")])) == ["2"]


def test_the_rule_tests_build_findings_through_the_check() -> None:
    """tests/rules/conftest.py wraps every rule module's ``finding``: not vacuous."""
    for module in (scanner.rules.cookies, scanner.rules.lifetimes):
        assert module.finding is not finding


def test_other_languages_leave_the_message_out_and_keep_the_evidence() -> None:
    result = realistic_scan()
    message = next(f for f in result.findings if f.evidence).message
    english, german = render_html(result), render_html(result, ReportOptions(language="de"))
    assert f'<p class="message">{message}</p>' in english
    assert 'class="message"' not in german and '<dl class="evidence">' in german
