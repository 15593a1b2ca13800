"""report.md, index.html and the portfolio in every shipped language: no English UI text left;
JUnit and SARIF frame their texts in the language (without a browser; see also
test_report_language_browser.py, which renders the demo's reports in Chromium)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from english_text import english_left, markdown_text, page_text, recorded_values
from report_helpers import baseline_scan, portfolio_sample
from samples import cut_short_scan, empty_scan, realistic_scan

from scanner.i18n import LANGUAGES
from scanner.model import ScanResult
from scanner.report import OutputFormat
from scanner.report.context import ReportOptions, build_context
from scanner.report.folder.history import write_scan
from scanner.report.formats.junit import render_junit
from scanner.report.formats.markdown import MarkdownReporter
from scanner.report.formats.sarif import render_sarif
from scanner.report.portfolio.page import render_portfolio, render_portfolio_markdown

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]


def _markdown_left(result: ScanResult, options: ReportOptions) -> list[str]:
    """English catalog phrases in the Markdown of ``result`` (recorded values left out)."""
    ctx = build_context(result, options)
    text = markdown_text(MarkdownReporter().render(ctx), recorded_values(ctx))
    return english_left(text, options.language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_markdown_report_shows_no_english_ui_text(language: str) -> None:
    """Fix list, states, findings, the comparison; caveats; an empty scan."""
    compared = ReportOptions(language=language, baseline=baseline_scan())
    assert _markdown_left(realistic_scan(), compared) == []
    assert _markdown_left(realistic_scan(), replace(compared, fail_on_new=True)) == []
    assert _markdown_left(cut_short_scan(), ReportOptions(language=language)) == []
    assert _markdown_left(empty_scan(), ReportOptions(language=language, fail_on=None)) == []


def test_the_markdown_check_finds_english_in_the_english_report() -> None:
    options = ReportOptions(baseline=baseline_scan())
    ctx = build_context(realistic_scan(), options)
    left = english_left(markdown_text(MarkdownReporter().render(ctx), recorded_values(ctx)), "de")
    assert {"What to fix first", "Compared with the baseline scan", "Cookies that appeared"} <= set(
        left
    )


def test_the_markdown_writes_numbers_and_dates_the_locale_s_way() -> None:
    german = MarkdownReporter().render(
        build_context(realistic_scan(), ReportOptions(language="de"))
    )
    assert "Gescannt am 15\\.01\\.2025, 10\\:00\\:00 UTC" in german
    assert "Befunde: **5** hoch" in german and "(insgesamt 11)" in german
    assert "## cookiescan: NICHT BESTANDEN" in german
    assert "| Zustand | Einwilligung | Seiten |" in german


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_reports_index_shows_no_english_ui_text(language: str, tmp_path: Path) -> None:
    options = ReportOptions(language=language)
    write_scan(realistic_scan(), tmp_path, (OutputFormat.JSON, OutputFormat.HTML), options)
    write_scan(cut_short_scan(), tmp_path, (OutputFormat.JSON,), options)
    page = (tmp_path / "index.html").read_text("utf-8")
    assert f'<html lang="{language}">' in page
    assert english_left(page_text(page), language) == []


def test_the_index_check_finds_english_in_the_english_index(tmp_path: Path) -> None:
    write_scan(realistic_scan(), tmp_path, (OutputFormat.JSON,))
    left = english_left(page_text((tmp_path / "index.html").read_text("utf-8")), "fr")
    assert {"cookiescan reports", "Latest scan", "Started", "Files"} <= set(left)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_portfolio_shows_no_english_ui_text(language: str) -> None:
    sample = portfolio_sample() | {"report_language": language}
    page = render_portfolio(sample)
    assert f'<html lang="{language}">' in page
    assert english_left(page_text(page), language) == []
    summary = render_portfolio_markdown(sample)
    assert (
        english_left(markdown_text(summary, [s["name"] for s in sample["sites"]]), language) == []
    )


def test_a_portfolio_without_a_known_language_is_english() -> None:
    page = render_portfolio(portfolio_sample() | {"report_language": "xx"})
    assert '<html lang="en">' in page and "Since last scan" in page


def test_junit_and_sarif_frame_their_texts_in_the_language() -> None:
    """Failure messages, finding lines and SARIF messages; the English sentences stay out."""
    result = realistic_scan()
    german = ReportOptions(language="de")
    junit = render_junit(result, german)
    assert 'message="1 Befund: ' in junit and "Was zu tun ist:" in junit
    assert "hoch: _fbp auf https://shop.example.test/: wann: vor der Einwilligungsaktion" in junit
    assert " finding(s)" not in junit and "What to do:" not in junit
    log = json.loads(render_sarif(result, german))
    run = log["runs"][0]
    assert run["language"] == run["tool"]["driver"]["language"] == "de"
    messages = [r["message"]["text"] for r in run["results"]]
    assert (
        "Nicht notwendiges Cookie vor der Einwilligung gesetzt: _fbp (Zustand: keine Auswahl)"
        in (" ".join(messages))
    )
    english = {f.message.rstrip(".") for f in result.findings}
    assert not [m for m in messages for e in english if e in m or "(state:" in m]
