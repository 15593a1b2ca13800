"""Tests for report.md: the short CI summary (counts, verdict, inert site text)."""

from __future__ import annotations

import re

from report_helpers import baseline_scan
from samples import HOSTILE_STRINGS, SAMPLES, empty_scan, huge_scan, realistic_scan

from scanner.model import Severity
from scanner.report import OutputFormat, render
from scanner.report.context import ReportOptions
from scanner.report.context.counts import summarize
from scanner.report.formats.markdown import MAX_ROWS, md, render_markdown


def test_the_counts_match_the_summary() -> None:
    result = realistic_scan()
    text = render_markdown(result)
    summary = summarize(result)
    for severity, n in summary.by_severity:
        assert f"**{n}** {severity}" in text
    assert f"({summary.findings} total)" in text
    assert "| none | baseline | 3 | 1 | 2 | 2 |" in text
    assert "| reject | **NOT applied** | 1 | 0 | 2 | 1 |" in text


def test_the_verdict_and_policy_are_on_top() -> None:
    assert render_markdown(realistic_scan()).startswith("## cookiescan: FAIL")
    passing = render_markdown(realistic_scan(), ReportOptions(fail_on=None))
    assert passing.startswith("## cookiescan: PASS") and "never fail on findings" in passing
    assert render_markdown(empty_scan()).startswith("## cookiescan: PASS")
    assert "No findings." in render_markdown(empty_scan())


def test_findings_table_is_short() -> None:
    text = render(OutputFormat.MARKDOWN, huge_scan(cookies=100, requests=10, pages=2))
    rows = [
        line
        for line in text.splitlines()
        if line.startswith("| high") or re.match(r"\| (medium|low|info) ", line)
    ]
    assert len(rows) == MAX_ROWS
    assert "… and 80 more in report.html." in text


def test_site_text_is_inert_markdown() -> None:
    text = render_markdown(SAMPLES["hostile"]())
    assert "<" not in text and "@" not in text
    assert "\x1b" not in text and "\u202e" not in text
    for hostile in HOSTILE_STRINGS:
        assert hostile not in text
    assert md("a|b") == "a\\|b" and md("@team") == "&#64;team"
    assert md("https://x.test") == "https\\://x\\.test"  # no autolink


def test_a_baseline_adds_the_comparison() -> None:
    options = ReportOptions(Severity.MEDIUM, baseline_scan())
    text = render_markdown(realistic_scan(), options)
    assert "### Compared with the baseline" in text
    assert "**10** new · 1 unchanged · 1 resolved" in text
    assert "- Cookies that disappeared: 1: old\\_tracker &#64; gone\\.test" in text
    assert "- Third parties that disappeared: None." in text
    assert "- Resolved: high `undeclared_cookie` · old\\_tracker" in text
    assert "| Status | Severity |" in text
