"""The demo's reports in every shipped language: report.html and the reports folder's
index.html rendered in Chromium, report.md as text; no English UI text is left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from english_text import english_left, markdown_text, recorded_values
from playwright.sync_api import Page
from samples import realistic_scan

from scanner.cli import main
from scanner.i18n import LANGUAGES
from scanner.report.context import ReportOptions, build_context
from scanner.report.folder.index_page import render_index
from scanner.report.folder.scans import list_scans
from scanner.report.formats.html import render_html
from scanner.report.formats.json_report import load_report
from scanner.report.formats.markdown import MarkdownReporter

pytestmark = pytest.mark.browser

# Quoted evidence and site-controlled text (class "q") and identifiers (<code>) are not UI text.
VISIBLE_UI_TEXT = """() => {
  document.querySelectorAll('.q, code, script, style').forEach(e => e.remove());
  document.querySelectorAll('details').forEach(d => d.open = true);
  return document.body.innerText;
}"""


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`cookiescan demo --report-language sq`: report.json and an Albanian report.html."""
    out = tmp_path_factory.mktemp("lang") / "reports"
    argv = ["demo", "--out", str(out), "--format", "html", "--format", "markdown"]
    argv += ["--report-language", "sq"]
    assert main(argv) == 0
    yield out / "latest"


def _visible(page: Page, path: Path) -> str:
    page.goto(path.as_uri())
    page.wait_for_function("document.documentElement.dataset.script === 'ready'")
    return str(page.evaluate(VISIBLE_UI_TEXT))


def test_the_cli_flag_writes_the_report_in_albanian(demo_run: Path, page: Page) -> None:
    html = (demo_run / "report.html").read_text("utf-8")
    assert '<html lang="sq">' in html
    text = _visible(page, demo_run / "report.html")
    assert "Raport përputhshmërie për cookie-t" in text and "pëlqim" in text
    assert english_left(text, "sq") == []
    assert "### Çfarë të ndreqet së pari" in (demo_run / "report.md").read_text("utf-8")
    index = (demo_run.parent / "index.html").read_text("utf-8")
    assert '<html lang="sq">' in index and "Raportet e cookiescan" in index


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_the_demo_report_shows_no_english_ui_text(
    demo_run: Path, page: Page, tmp_path: Path, language: str
) -> None:
    result = load_report(str(demo_run / "report.json"))
    path = tmp_path / f"report.{language}.html"
    path.write_text(render_html(result, ReportOptions(language=language)), "utf-8")
    text = _visible(page, path)
    assert len(result.findings) > 30 and len(text) > 5000  # the demo's findings, all rendered
    assert english_left(text, language) == [], language


def test_the_check_finds_english_in_the_english_report(demo_run: Path, page: Page) -> None:
    """The same check on the English report finds plenty: it is not vacuous."""
    result = load_report(str(demo_run / "report.json"))
    path = Path(demo_run.parent / "report.en.html")
    path.write_text(render_html(result), "utf-8")
    left = english_left(_visible(page, path), "de")
    assert len(left) > 100
    assert {"What to fix first", "Why it matters", "Cookie compliance report"} <= set(left)


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_the_demo_markdown_shows_no_english_ui_text(demo_run: Path, language: str) -> None:
    """report.md of the demo, compared with another scan (every section shown)."""
    result = load_report(str(demo_run / "report.json"))
    options = ReportOptions(language=language, baseline=realistic_scan())
    ctx = build_context(result, options)
    text = markdown_text(MarkdownReporter().render(ctx), recorded_values(ctx))
    assert len(ctx.fixes) > 3 and ctx.comparison is not None and len(text) > 3000
    assert english_left(text, language) == [], language


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_the_reports_index_shows_no_english_ui_text(
    demo_run: Path, page: Page, tmp_path: Path, language: str
) -> None:
    entries = list_scans(demo_run.parent)
    path = tmp_path / f"index.{language}.html"
    path.write_text(render_index(entries, "latest/report.html", language), "utf-8")
    text = _visible(page, path)
    assert entries and page.locator("#scans-table tbody tr").count() == len(entries)
    assert english_left(text, language) == [], language
