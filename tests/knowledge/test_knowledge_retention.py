"""Tests for parsing free-text retention periods."""

from __future__ import annotations

import pytest

from scanner.knowledge.retention import Retention, parse_retention
from scanner.model.durations import DAY, MONTH, YEAR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 years", Retention(2 * YEAR)),
        ("1 Year", Retention(YEAR)),
        ("1 day", Retention(DAY)),
        ("400 days", Retention(400 * DAY)),
        ("30 mins", Retention(1800)),
        ("24 hours", Retention(24 * 3600)),
        ("3 weeks", Retention(21 * DAY)),
        ("13 months", Retention(13 * MONTH)),
        ("0 days", Retention(None, session=True)),
        ("2 years after last activity", Retention(2 * YEAR)),
        ("1 year (in some countries, the period may be longer)", Retention(YEAR)),
        ("session", Retention(None, session=True)),
        ("Session", Retention(None, session=True)),
        ("End of session (browser)", Retention(None, session=True)),
        ("30 seconds till 1 year", Retention(None)),
        ("1 hour or longer", Retention(None)),
        ("Session to 30 days", Retention(None)),
        ("forever", Retention(None)),
        ("10 Nov 2030", Retention(None)),
        ("", Retention(None)),
    ],
)
def test_parse_retention(text: str, expected: Retention) -> None:
    assert parse_retention(text) == expected
