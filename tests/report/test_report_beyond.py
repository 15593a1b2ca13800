"""Reports carry the beyond-cookies records and kinds: HTML section, JSON round trip, formats."""

from __future__ import annotations

import json

import jsonschema
import pytest
from beyond_samples import beyond_scan
from report_helpers import soup

from scanner.model import ConsentState
from scanner.report import OutputFormat, render
from scanner.report.formats import json_report
from scanner.report.formats.html import render_html
from scanner.report.schema import load_schema


def test_the_html_report_has_a_beyond_cookies_section_per_state() -> None:
    html = soup(render_html(beyond_scan()))
    section = html.find("section", id="beyond")
    assert section is not None
    headings = [h.get_text() for h in section.find_all("h3")]
    assert headings == ["none", "accept", "reject", "gpc"]
    text = section.get_text(" ")
    assert "gpc=true, lastUpdate=2026-01-15" in text and "1YYN" in text
    assert "ignored: adx.test" in text
    assert "rrweb-format events (FullSnapshot x1)" in text and "4096" in text
    assert "https://rec.hub.test/collect" in text and "email" in text
    assert section.find("script") is None and section.find("b") is None  # escaped
    assert "<script>alert(1)</script>" in text


def test_the_json_report_round_trips_and_validates() -> None:
    result = beyond_scan()
    text = json_report.render(result)
    jsonschema.validate(json.loads(text), load_schema())
    again = json_report.loads(text)
    gpc = again.states[-1]
    assert gpc.state is ConsentState.GPC
    assert gpc.fingerprinting() == result.states[-1].fingerprinting()
    assert gpc.recordings() == result.states[-1].recordings()
    assert gpc.keystrokes() == result.states[-1].keystrokes()


@pytest.mark.parametrize(
    "fmt", [OutputFormat.SARIF, OutputFormat.JUNIT, OutputFormat.MARKDOWN, OutputFormat.TERMINAL]
)
def test_every_format_carries_the_new_kinds(fmt: OutputFormat) -> None:
    out = render(fmt, beyond_scan())
    assert "gpc_ignored" in out or "Global Privacy Control ignored" in out
