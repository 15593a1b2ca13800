"""report.html opened from disk in the real Chromium: offline, no errors, filters, sorting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Dialog, Page, Route
from report_helpers import tiny_png, with_screenshots
from samples import HOSTILE_HTML, hostile_scan, realistic_scan

from scanner.model import ConsentState, ScanResult
from scanner.report.formats.html import render_html

pytestmark = pytest.mark.browser


class Watch:
    """What a page did that it must not: console errors, dialogs, requests off the file."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(message.text)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture
def open_report(page: Page, tmp_path: Path) -> Callable[[ScanResult], Watch]:
    """Write a result's report.html to disk and open it; returns what the page did."""

    def open_(result: ScanResult) -> Watch:
        path = tmp_path / "report.html"
        path.write_text(render_html(result), "utf-8")
        watch = Watch(page)
        page.goto(path.as_uri())
        page.wait_for_function("document.documentElement.dataset.script === 'ready'")
        return watch

    return open_


def _names(page: Page) -> list[str]:
    cells = page.locator("#cookies-table tbody tr:not([hidden]) td:first-child")
    return cells.all_inner_texts()


def test_the_report_opens_offline_without_errors_and_looks_right(
    page: Page, open_report: Callable[[ScanResult], Watch], tmp_path: Path
) -> None:
    result = with_screenshots(realistic_scan(), {ConsentState.ACCEPT: tiny_png()})
    watch = open_report(result)
    assert page.locator("#verdict").get_attribute("data-verdict") == "fail"
    assert page.locator(".shots img").evaluate("img => img.complete && img.naturalWidth") == 4
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert watch.errors == [] and watch.blocked == [] and watch.dialogs == []


def test_filters_hide_rows_and_count_them(
    page: Page, open_report: Callable[[ScanResult], Watch]
) -> None:
    watch = open_report(realistic_scan())
    assert page.locator("input[data-filter='cookies-table']").is_visible()
    page.fill("input[data-filter='cookies-table']", "_ga")
    assert _names(page) == ["_ga"]
    assert page.locator("[data-shown-for='cookies-table']").inner_text() == "1 of 5 shown"
    page.fill("input[data-filter='findings-list']", "doubleclick")
    visible = page.locator("#findings-list tr.finding:not([hidden])")
    assert visible.count() == 1
    page.fill("input[data-filter='cookies-table']", "")
    assert len(_names(page)) == 5
    assert watch.errors == []


def test_columns_sort_both_ways(page: Page, open_report: Callable[[ScanResult], Watch]) -> None:
    open_report(realistic_scan())
    header = page.locator("#cookies-table thead th").first
    header.locator("button").click()
    ascending = _names(page)
    assert ascending == sorted(ascending, key=str.lower)
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert _names(page) == list(reversed(ascending))


def test_hostile_names_stay_inert(page: Page, open_report: Callable[[ScanResult], Watch]) -> None:
    watch = open_report(hostile_scan())
    assert page.locator("img").count() == 0
    assert HOSTILE_HTML in _names(page)
    assert watch.dialogs == [] and watch.blocked == [] and watch.errors == []


def test_without_script_the_tables_still_read_and_print_hides_the_filters(
    page: Page, open_report: Callable[[ScanResult], Watch]
) -> None:
    open_report(realistic_scan())
    page.emulate_media(media="print")
    assert not page.locator(".filter").first.is_visible()
    page.emulate_media(media="screen")
    html = render_html(realistic_scan()).replace("<script>", "<script type='text/plain'>")
    page.set_content(html)
    assert not page.locator(".filter").first.is_visible()
    assert page.locator("#cookies-table tbody tr").count() == 5


def test_a_phone_screen_needs_no_sideways_scrolling_of_the_page(
    page: Page, open_report: Callable[[ScanResult], Watch]
) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    open_report(realistic_scan())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
