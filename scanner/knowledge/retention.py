"""Tolerant reading of free-text retention periods ("2 years", "session", "30 mins")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner.model.durations import parse_duration

SESSION_WORDS = frozenset(
    {
        "session",
        "sessions",
        "session cookie",
        "end of session",
        "end of session (browser)",
        "browser session",
        "seesion",
    }
)
_AMOUNT = re.compile(r"^(\d+)\s*([a-z]+)\b(.*)$")
# Words that make a period a range or a condition: then no single number is honest.
_AMBIGUOUS = re.compile(r"\d|\bor\b|\btill\b|\bto\b|\bif\b|-")


@dataclass(frozen=True, slots=True)
class Retention:
    """A parsed retention period: seconds when one number is stated, or a session cookie."""

    seconds: int | None
    session: bool = False


def parse_retention(text: str) -> Retention:
    """Read a retention text; unreadable or ambiguous text gives ``Retention(None)``.

    The leading "N unit" is read by :func:`scanner.model.durations.parse_duration` (one unit
    table for the whole project); a trailing qualifier such as "after last activity" is
    ignored, but ranges and conditions ("30 seconds till 1 year") are not guessed at.
    """
    cleaned = " ".join(text.lower().split())
    if cleaned in SESSION_WORDS:
        return Retention(None, session=True)
    match = _AMOUNT.match(cleaned)
    if match is None or _AMBIGUOUS.search(match.group(3)):
        return Retention(None)
    try:
        seconds = parse_duration(f"{match.group(1)} {match.group(2)}")
    except ValueError:
        return Retention(None)
    return Retention(None, session=True) if seconds is None else Retention(seconds)
