"""Tests for neutralising control characters in site-controlled text."""

from __future__ import annotations

import pytest

from scanner.report.text.safe_text import clean


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("_ga", "_ga"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\u202eevil\u200b", "\\u202eevil\\u200b"),
        ("x\x7fy\x9bz", "x\\x7fy\\x9bz"),
        ("line\u2028sep", "line\\u2028sep"),
        ("bad\udcffname", "bad\\udcffname"),
        ("tag \U000e0041", "tag \\U000e0041"),
        ("café [b]x[/] <i> 😀\u00a0", "café [b]x[/] <i> 😀\u00a0"),
    ],
)
def test_control_characters_become_visible_escapes(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_limit_cuts_with_an_ellipsis() -> None:
    assert clean("abcdef", 4) == "abc…"
    assert clean("abcd", 4) == "abcd"
    assert clean("\x1b" * 10, 6) == "\\x1b\\…"


def test_a_huge_value_is_cut_before_escaping() -> None:
    assert len(clean("\x00" * 1_000_000, 50)) == 50
