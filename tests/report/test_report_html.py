"""Tests for report.html rendered from sample results (no browser): sections, escaping, verdict."""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import replace

import pytest
from report_helpers import baseline_scan, every_kind_scan, soup, tiny_png, with_screenshots
from samples import HOSTILE_HTML, HOSTILE_STRINGS, SAMPLES, empty_scan, huge_scan, realistic_scan

from scanner.model import ConsentState, Severity, StateResult
from scanner.model.findings import finding_kinds
from scanner.report import OutputFormat, render
from scanner.report.context import ReportOptions, build_context
from scanner.report.context.counts import summarize
from scanner.report.formats.html import HtmlReporter, chart_bars, is_png_base64, render_html
from scanner.report.text.safe_text import clean

SECTIONS = ("states", "findings", "consent", "cookies", "third-parties", "storage", "declared")


def _html(result=None, **options: object) -> str:  # type: ignore[no-untyped-def]
    return render_html(result or realistic_scan(), ReportOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_renders_every_section(name: str) -> None:
    page = soup(render(OutputFormat.HTML, SAMPLES[name]()))
    assert page.find(id="verdict") is not None
    assert page.find(id="severity-counts") is not None
    for section in SECTIONS:
        assert page.find("section", id=section) is not None, section


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_nothing_is_loaded_from_outside_the_file(name: str) -> None:
    page = soup(render_html(SAMPLES[name]()))
    assert page.find("link") is None
    assert all(not s.get("src") for s in page.find_all("script"))
    for tag in page.find_all(src=True):
        assert tag["src"].startswith("data:image/png;base64,"), tag
    for tag in page.find_all(href=True):
        assert tag["href"].startswith("#"), tag
    assert "url(" not in page.style.string and "@import" not in page.style.string


def test_the_content_security_policy_allows_exactly_the_inline_style_and_script() -> None:
    page = soup(_html())
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert "default-src 'none'" in csp
    assert f"style-src 'sha256-{digest(page.style.string)}'" in csp
    assert f"script-src 'sha256-{digest(page.script.string)}'" in csp
    assert len(page.find_all("script")) == 1 and len(page.find_all("style")) == 1


def test_the_header_shows_site_date_versions_and_counts() -> None:
    result = realistic_scan()
    page = soup(_html(result))
    text = page.get_text(" ")
    assert result.declarations.site in page.find(class_="site").get_text()
    for value in (result.meta.browser_version, "cookiescan 0.1.0"):
        assert value in text
    started = page.find("time")
    assert started["datetime"] == result.meta.started_at
    assert started.get_text() == "Jan 15, 2025, 10:00:00\u202fAM UTC"  # Babel, English
    counts = {
        li["data-severity"]: li.find(class_="n").get_text()
        for li in page.select("#severity-counts li[data-severity]")
    }
    assert counts == {str(s): str(n) for s, n in summarize(result).by_severity}
    rows = page.select("#states-table tbody tr")
    assert [r["data-state"] for r in rows] == ["none", "accept", "reject"]
    assert rows[0].find_all("td")[1].get_text() == "3"  # pages in state none


def test_the_chart_has_a_bar_for_cookies_and_third_parties_per_state() -> None:
    result = realistic_scan()
    bars = chart_bars(summarize(result).states)
    assert [(b.label, b.series) for b in bars] == [
        (s, series) for s in ("none", "accept", "reject") for series in ("cookies", "third parties")
    ]
    assert max(b.height for b in bars) == 100 and all(b.y + b.height == 100 for b in bars)
    assert len(soup(_html(result)).select("#chart rect")) == 6


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [(Severity.MEDIUM, "fail"), (Severity.HIGH, "fail"), (None, "pass")],
)
def test_the_verdict_follows_the_threshold(fail_on: Severity | None, expected: str) -> None:
    verdict = soup(_html(fail_on=fail_on)).find(id="verdict")
    assert verdict["data-verdict"] == expected
    assert expected.upper() in verdict.get_text()


def test_an_empty_scan_passes_and_says_so() -> None:
    page = soup(render_html(empty_scan()))
    assert page.find(id="verdict")["data-verdict"] == "pass"
    assert page.find(id="no-findings") is not None
    assert page.find(id="cookies-table") is None


def test_every_finding_kind_is_explained_with_rule_why_and_fix() -> None:
    result = every_kind_scan()
    page = soup(_html(result))
    assert {f.kind for f in result.findings} == set(finding_kinds())
    for kind, info in finding_kinds().items():
        article = page.find("article", attrs={"data-kind": kind})
        assert article is not None, kind
        text = article.get_text(" ")
        for part in (info.title, info.rule, info.why, info.fix):
            assert clean(part) in text.replace("\n", " "), (kind, part)


def test_findings_are_grouped_by_severity_most_severe_first() -> None:
    page = soup(_html())
    order = [s["data-severity"] for s in page.select("#findings-list > section")]
    assert order == ["high", "medium", "low", "info"]


def test_evidence_says_who_set_it_and_when() -> None:
    page = soup(_html())
    article = page.find("article", attrs={"data-kind": "cookie_before_consent"})
    text = article.get_text(" ")
    assert "when" in text and "before the consent action" in text
    undeclared = page.find("article", attrs={"data-kind": "undeclared_cookie"}).get_text(" ")
    assert "setter (who set it)" in undeclared and "connect.facebook.net" in undeclared


def test_the_cookie_matrix_has_every_cookie_state_declaration_and_known_vendor() -> None:
    page = soup(_html())
    rows = {r.find("td").get_text(): r for r in page.select("#cookies-table tbody tr")}
    assert set(rows) == {"session", "_fbp", "_ga", "cookie_consent", "IDE"}
    cells = [td.get_text() for td in rows["_ga"].find_all("td")]
    assert cells[3:6] == ["—", "after consent", "—"]  # none / accept / reject
    session = [td.get_text() for td in rows["session"].find_all("td")]
    assert "necessary" in session[6] and "line 8" in session[6]
    known = rows["_ga"].find_all("td")[7]
    assert "Google Analytics" in known.get_text() and "Open Cookie Database" in known["title"]
    assert cells[8] == "2 years" and cells[9] == "400 days"
    assert rows["_fbp"].find_all("td")[6].get_text() == "not declared"


def test_third_parties_and_storage_are_listed_per_state() -> None:
    page = soup(_html())
    domains = {r.find("td").get_text(): r for r in page.select("#domains-table tbody tr")}
    assert set(domains) == {"facebook.net", "google-analytics.com", "doubleclick.net"}
    assert "Meta" in domains["facebook.net"].get_text()
    keys = [r.find("td").get_text() for r in page.select("#storage-table tbody tr")]
    assert sorted(keys) == ["ab_test", "cart"]


def test_declared_vs_observed() -> None:
    page = soup(_html())
    assert "legacy_pref" in page.find(id="declared-not-seen").get_text()
    unseen = page.find(id="seen-not-declared").get_text()
    assert "_fbp" in unseen and "facebook.net" in unseen
    subjects = [s.get_text() for s in page.select("#seen-not-declared strong")]
    assert not any(s.startswith("session @") for s in subjects)  # the declared cookie
    assert any(s.startswith("cart @") for s in subjects)  # storage is declared too, or listed


def test_screenshots_are_embedded_and_anything_but_a_png_is_dropped() -> None:
    png = tiny_png()
    result = with_screenshots(
        realistic_scan(), {ConsentState.ACCEPT: png, ConsentState.REJECT: 'PHNjcmlwdD4="x'}
    )
    images = soup(render_html(result)).select(".shots img")
    assert [i["src"] for i in images] == [f"data:image/png;base64,{png}"]
    assert is_png_base64(png) and not is_png_base64("not base64!") and not is_png_base64("")


def test_hostile_names_render_as_text() -> None:
    result = SAMPLES["hostile"]()
    html = render_html(result)
    page = soup(html)
    assert page.find("img") is None and "onerror=" not in str(page.find_all(True, onerror=True))
    assert HOSTILE_HTML not in html  # only ever escaped
    names = [r.find("td").get_text() for r in page.select("#cookies-table tbody tr")]
    assert sorted(names) == sorted(clean(s, 200) for s in HOSTILE_STRINGS)
    assert "\x1b" not in html and "\u202e" not in html


def test_a_huge_scan_renders_quickly_and_completely() -> None:
    start = time.perf_counter()
    page = soup(render_html(huge_scan()))
    assert time.perf_counter() - start < 20
    assert len(page.select("#cookies-table tbody tr")) == 2_000
    assert len(page.select("#findings-list tr.finding")) == 2_000
    assert len(page.select("#domains-table tbody tr")) == 300


def test_a_baseline_marks_findings_and_lists_what_changed() -> None:
    page = soup(_html(baseline=baseline_scan()))
    statuses = [s.get_text() for s in page.select("#findings-list .status")]
    assert statuses.count("unchanged") == 1 and statuses.count("new") == 10
    assert "old_tracker" in page.find(id="resolved-findings").get_text()
    assert "old_tracker @ gone.test" in page.find(id="cookies-disappeared").get_text()
    assert "facebook.net" in page.find(id="third-appeared").get_text()


def test_fail_on_new_passes_when_only_old_findings_reach_the_threshold() -> None:
    result = realistic_scan()
    options = ReportOptions(Severity.MEDIUM, result, fail_on_new=True)
    page = HtmlReporter().render(build_context(result, options))
    assert soup(page).find(id="verdict")["data-verdict"] == "pass"


def test_rendering_is_deterministic() -> None:
    assert _html() == _html()


def test_each_page_shows_how_long_it_waited() -> None:
    result = realistic_scan()
    waits = {ConsentState.NONE: (0.75, 0.0), ConsentState.ACCEPT: (1.25, 0.5)}

    def waited(s: StateResult) -> StateResult:
        settle, banner = waits.get(s.state, (0.0, 0.0))
        first = replace(s.observations[0], waited_settle=settle, waited_banner=banner)
        return replace(s, observations=(first, *s.observations[1:]))

    page = soup(_html(replace(result, states=tuple(waited(s) for s in result.states))))
    shown = [w.get_text() for w in page.select("#pages .waited")]
    assert "waited 1.2 s settle, 0.5 s banner" in shown
    assert "waited 0.8 s settle" in shown
