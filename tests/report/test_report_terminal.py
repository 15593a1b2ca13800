"""Tests for the terminal summary: content, ordering, the row cap and hostile site text."""

from __future__ import annotations

import io
import time
from dataclasses import replace

import pytest
from rich.console import Console
from rich.text import Text
from samples import (
    HOSTILE_ANSI,
    HOSTILE_HTML,
    HOSTILE_MARKUP,
    HOSTILE_STRINGS,
    empty_scan,
    hostile_scan,
    huge_scan,
    meta,
    realistic_scan,
)

from scanner.model import ScanResult, Severity
from scanner.report.context import build_context
from scanner.report.formats.terminal import TerminalReporter, render_summary
from scanner.report.text.safe_text import clean


def _console() -> Console:
    return Console(
        file=io.StringIO(), record=True, width=160, force_terminal=True, color_system="truecolor"
    )


def _render(result: ScanResult, **kwargs: int) -> tuple[str, str]:
    """The plain text and the ANSI-styled text of the summary."""
    console = _console()
    render_summary(result, console, **kwargs)
    return console.export_text(clear=False), console.export_text(styles=True)


def _severity_column(text: str) -> list[str]:
    """The first column of the findings table (the lines after its "Findings" title)."""
    lines = text.splitlines()
    table = lines[[line.strip() for line in lines].index("Findings") :]
    cells = [line.split("│")[1].strip() for line in table if line.startswith("│")]
    return [c for c in cells if c]


def test_header_shows_site_browser_states_and_pages() -> None:
    text, _ = _render(realistic_scan())
    assert "Site: https://shop.example.test/" in text
    assert "Browser: Chromium 131.0.6778.85" in text
    assert "Declared: expected_cookies.yaml (cookies: 3, third parties: 1)" in text
    assert "States: none, accept, reject" in text
    assert "Pages: none 3 (1 failed) · accept 1 · reject 1" in text
    assert "Targets:" not in text  # the same as the site


def test_consent_outcome_per_state() -> None:
    text, _ = _render(realistic_scan())
    rows = {line.split("│")[1].strip(): line for line in text.splitlines() if "│" in line}
    assert "no action (baseline)" in rows["none"]
    assert "applied" in rows["accept"] and "NOT" not in rows["accept"]
    assert "NOT applied" in rows["reject"]
    assert "selector '#cc-reject' not visible after 5000 ms" in rows["reject"]


def test_findings_are_sorted_most_severe_first_with_counts() -> None:
    result = realistic_scan()
    text, _ = _render(result)
    severities = _severity_column(text)
    ranks = [Severity(s).rank for s in severities]
    assert len(ranks) == len(result.findings) and ranks == sorted(ranks, reverse=True)
    assert "Findings: 5 high · 3 medium · 2 low · 1 info (11 total)" in text
    for f in result.findings:
        assert f.kind in text


def test_hostile_text_is_shown_literally() -> None:
    text, styled = _render(hostile_scan())
    for s in HOSTILE_STRINGS:
        assert clean(s) in text, s
    assert HOSTILE_HTML in text and HOSTILE_MARKUP in text and ":smile:" in text
    assert "\\x1b[31mred\\x1b[0m" in text
    assert "\x1b" not in text and "\u202e" not in text
    assert "\x1b[31mred" not in styled  # the site's own escape never reaches the terminal
    assert "\x1b]8;" not in styled  # no hyperlink from [link=...]
    assert not any(line.lstrip("│ ").startswith("FAKE:") for line in text.splitlines())


def test_hostile_text_gets_no_style() -> None:
    _, styled = _render(hostile_scan())
    parsed = Text.from_ansi(styled)
    plain = parsed.plain
    for s in (HOSTILE_MARKUP, HOSTILE_HTML, clean(HOSTILE_ANSI)):
        start = plain.find(f"Cookie {s}")
        assert start >= 0, s
        end = start + len(f"Cookie {s}")
        styles = [sp.style for sp in parsed.spans if sp.start < end and sp.end > start]
        assert not [st for st in styles if str(st) not in ("", "none")], (s, styles)


def test_a_huge_scan_is_capped_and_fast() -> None:
    result = huge_scan()
    started = time.perf_counter()
    text, _ = _render(result)
    assert time.perf_counter() - started < 5
    assert len(_severity_column(text)) == 200
    assert "… and 1800 more — see report.json" in text
    assert "Findings: 500 high · 500 medium · 500 low · 500 info (2000 total)" in text


def test_the_cap_is_configurable() -> None:
    text, _ = _render(realistic_scan(), max_findings=3)
    assert "… and 8 more — see report.json" in text


def test_an_empty_scan() -> None:
    text, _ = _render(empty_scan())
    assert "No findings." in text
    assert "Declared: (no declarations file)" in text
    assert "Consent" not in text


def test_an_interrupted_scan_says_so() -> None:
    result = replace(realistic_scan(), meta=meta(interrupted=True))
    text, _ = _render(result)
    assert "INTERRUPTED: the scan stopped early; results are partial." in text


@pytest.mark.parametrize("build", [realistic_scan, hostile_scan, empty_scan])
def test_the_reporter_returns_plain_deterministic_text(build: type[ScanResult]) -> None:
    first = TerminalReporter().render(build_context(build()))
    second = TerminalReporter().render(build_context(build()))
    assert first == second
    assert "\x1b" not in first
    assert "Findings:" in first
