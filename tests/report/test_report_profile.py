"""The browser profile and the tells left, in report.json, report.html and report.md (escaped)."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
from samples import realistic_scan

from scanner.model import BrowserProfile, ScanResult, Tell
from scanner.report.formats import json_report
from scanner.report.formats.html import render_html
from scanner.report.formats.markdown import render_markdown
from scanner.report.schema import load_schema

HOSTILE = "Chrome/156 <script>alert(1)</script> [x](https://evil.test)"
PROFILE = BrowserProfile(
    user_agent=HOSTILE,
    brands=("Not:A-Brand 8", "Chromium 156"),
    platform="Linux",
    viewport="1366x768",
    screen="1366x768",
    window="1366x768",
    languages=("en-US",),
    webgl_renderer="ANGLE (SwiftShader)",
    headless=True,
    where="local",
)
TELLS = (
    Tell("webgl.software", "software WebGL renderer (no GPU): <b>SwiftShader</b>."),
    Tell("window.no-frame", "the window has no browser frame."),
)


def probed(profile: BrowserProfile = PROFILE, tells: tuple[Tell, ...] = TELLS) -> ScanResult:
    scan = realistic_scan()
    return replace(scan, meta=replace(scan.meta, browser_profile=profile, remaining_tells=tells))


def test_report_json_carries_the_profile_and_the_tells_and_reads_them_back() -> None:
    data = json.loads(json_report.render(probed()))
    jsonschema.validate(data, load_schema())
    assert data["meta"]["browser_profile"]["headless"] is True
    assert data["meta"]["remaining_tells"][0] == {
        "id": "webgl.software",
        "detail": "software WebGL renderer (no GPU): <b>SwiftShader</b>.",
    }
    back = json_report.from_dict(data).meta
    assert (back.browser_profile, back.remaining_tells) == (PROFILE, TELLS)


def test_an_unprobed_scan_shows_no_profile_and_its_json_says_null() -> None:
    scan = realistic_scan()
    assert json.loads(json_report.render(scan))["meta"]["browser_profile"] is None
    assert "Browser profile" not in render_markdown(scan)
    assert 'id="browser-profile"' not in render_html(scan)


def test_html_shows_the_profile_and_each_tell_escaped() -> None:
    page = render_html(probed())
    assert '<dt>Browser profile</dt><dd id="browser-profile" class="q">' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "<li><code>webgl.software</code> software WebGL renderer (no GPU): " in page
    assert "&lt;b&gt;SwiftShader&lt;/b&gt;" in page
    assert "headless; local" in page


def test_markdown_says_the_profile_and_the_tells_on_one_line_escaped() -> None:
    text = render_markdown(probed())
    line = next(x for x in text.splitlines() if x.startswith("Browser profile: "))
    assert "Tells a site could still use: webgl\\.software\\: software WebGL" in line
    assert "&lt;script&gt;" in line and "\\[x\\]\\(https" in line
    assert "<script>" not in text and "<b>" not in text


def test_a_failed_probe_says_the_tells_are_unknown() -> None:
    failed = replace(PROFILE, error="the probe failed: no answer within 20 s")
    text = render_markdown(probed(failed, ()))
    assert "not read \\(the probe failed\\: no answer within 20 s\\)" in text
    assert "unknown \\(the browser could not be probed\\)" in text
    assert "unknown (the browser could not be probed)" in render_html(probed(failed, ()))
