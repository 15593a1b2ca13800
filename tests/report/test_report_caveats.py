"""A scan cut short says so in every format: the error, the restarts, the incomplete state."""

from __future__ import annotations

import json

from rich.console import Console
from samples import HOSTILE_HTML, cut_short_scan, realistic_scan

from scanner.report.context.caveats import caveats, complete
from scanner.report.formats.html import render_html
from scanner.report.formats.markdown import render_markdown
from scanner.report.formats.sarif import render_sarif
from scanner.report.formats.terminal import render_summary


def test_a_complete_scan_has_no_caveats() -> None:
    assert caveats(realistic_scan()) == ()
    assert complete(realistic_scan())


def test_the_error_and_the_restart_are_told_as_sentences() -> None:
    said = caveats(cut_short_scan())
    assert said[0].startswith("The scan ended with an error: unexpected error: RuntimeError:")
    assert said[1].startswith("State none: the browser was restarted after 1 pages (killed")
    assert not complete(cut_short_scan())


def test_every_format_shows_the_caveats_escaped() -> None:
    result = cut_short_scan()
    html = render_html(result)
    assert html.count('<p class="warning">The scan ended with an error') == 1
    assert HOSTILE_HTML not in html
    markdown = render_markdown(result)
    assert "The scan ended with an error" in markdown and HOSTILE_HTML not in markdown
    sarif = json.loads(render_sarif(result))
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False
    console = Console(record=True, width=200, force_terminal=False)
    render_summary(result, console)
    text = console.export_text()
    assert "the browser was restarted after 1 pages" in text
    assert "\x1b[" not in text
