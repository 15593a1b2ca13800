"""Tests for scanner.model.durations: reading and writing human cookie lifetimes."""

from __future__ import annotations

import pytest

from scanner.model.durations import (
    DAY,
    HOUR,
    MINUTE,
    MONTH,
    WEEK,
    YEAR,
    format_duration,
    parse_duration,
)


def test_unit_sizes() -> None:
    assert (MINUTE, HOUR, DAY, WEEK) == (60, 3600, 86400, 604800)
    assert MONTH == round(30.4375 * 86400) == 2629800
    assert YEAR == 365 * 86400


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        (3600, 3600),
        ("3600", 3600),
        ("45 seconds", 45),
        ("1 second", 1),
        ("30 min", 30 * MINUTE),
        ("30 minutes", 30 * MINUTE),
        ("12h", 12 * HOUR),
        ("1 hour", HOUR),
        ("1 day", DAY),
        ("30 days", 30 * DAY),
        ("90d", 90 * DAY),
        ("90 D", 90 * DAY),
        ("1 week", WEEK),
        ("2 weeks", 2 * WEEK),
        ("13 months", 13 * MONTH),
        ("1 month", MONTH),
        ("6 mo", 6 * MONTH),
        ("1 year", YEAR),
        ("2 years", 2 * YEAR),
        ("2 Years", 2 * YEAR),
        ("2y", 2 * YEAR),
        ("1 year 6 months", YEAR + 6 * MONTH),
        ("1 year, 6 months", YEAR + 6 * MONTH),
        ("1 year and 6 months", YEAR + 6 * MONTH),
        ("1.5 years", round(1.5 * YEAR)),
        ("  400   days ", 400 * DAY),
        ("P1Y2M", YEAR + 2 * MONTH),
        ("p2y", 2 * YEAR),
        ("P1W", WEEK),
        ("P1DT12H", DAY + 12 * HOUR),
        ("PT30M", 30 * MINUTE),
        ("PT45S", 45),
    ],
)
def test_parse_duration_reads_lifetimes(text: str | int, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    [0, "0", "session", "Session", "SESSION COOKIE", "session-cookie", "0 days", "PT0S"],
)
def test_parse_duration_session(text: str | int) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    "text",
    ["13 moons", "", "days", "forever", "1 year ago", "-1 days", "p", "pt", "P1Y2", "1 2 days"],
)
def test_parse_duration_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_duration(text)
    assert str(info.value) == (
        f"cannot read {text!r} as a lifetime (try '13 months', '30 days', 'session')"
    )


def test_parse_duration_rejects_ambiguous_m() -> None:
    with pytest.raises(ValueError, match="'m' is ambiguous, write 'min' for minutes or 'months'"):
        parse_duration("5m")


def test_parse_duration_rejects_repeated_unit() -> None:
    with pytest.raises(ValueError, match="year given twice"):
        parse_duration("1 year 2 years")


def test_parse_duration_rejects_negative_and_wrong_types() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        parse_duration(-5)
    with pytest.raises(ValueError, match="cannot read True"):
        parse_duration(True)
    with pytest.raises(ValueError, match=r"cannot read 1\.5"):
        parse_duration(1.5)  # type: ignore[arg-type]


def test_parse_duration_shortens_long_values_in_messages() -> None:
    with pytest.raises(ValueError) as info:
        parse_duration("x" * 500)
    assert len(str(info.value)) < 150
    assert "..." in str(info.value)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "session"),
        (-1, "expired"),
        (0, "0 seconds"),
        (1, "1 second"),
        (45, "45 seconds"),
        (60, "1 minute"),
        (90, "90 seconds"),
        (150, "2 minutes 30 seconds"),
        (1800, "30 minutes"),
        (5400, "90 minutes"),
        (HOUR, "1 hour"),
        (36 * HOUR, "36 hours"),
        (50 * HOUR, "2 days 2 hours"),
        (DAY, "1 day"),
        (WEEK, "7 days"),
        (30 * DAY, "30 days"),
        (40 * DAY + 3 * HOUR, "40 days 3 hours"),
        (MONTH, "1 month"),
        (6 * MONTH, "6 months"),
        (12 * MONTH, "12 months"),
        (13 * MONTH, "13 months"),
        (395 * DAY, "395 days"),
        (400 * DAY, "400 days"),
        (YEAR, "1 year"),
        (2 * YEAR, "2 years"),
        (YEAR + MONTH, "1 year 1 month"),
        (YEAR + 6 * MONTH, "1 year 6 months"),
        (round(1.3 * YEAR), "1 year 4 months"),
    ],
)
def test_format_duration(seconds: int | None, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (YEAR - 1, "1 year"),
        (2 * YEAR + 3, "2 years"),
        (13 * MONTH - 5, "13 months"),
        (YEAR + MONTH - 5, "1 year 1 month"),
        (2 * MONTH - 5, "2 months"),
        (HOUR - 1, "1 hour"),
    ],
)
def test_format_duration_absorbs_clock_jitter(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    "text",
    [
        *("session", "45 seconds", "30 min", "12h", "1 day", "1 week", "30 days", "90d"),
        *("13 months", "400 days", "1 year", "2y", "1 year 6 months", "P1Y2M", "PT1H30M"),
    ],
)
def test_format_then_parse_round_trips(text: str) -> None:
    seconds = parse_duration(text)
    assert parse_duration(format_duration(seconds)) == seconds
