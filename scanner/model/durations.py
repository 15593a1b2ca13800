"""Human cookie lifetimes: read "13 months" / "P1Y2M" into seconds and write seconds back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

SECOND = 1
MINUTE = 60
HOUR = 3600
DAY = 86400
WEEK = 7 * DAY
MONTH = round(Fraction(304375, 10000) * DAY)  # 30.4375 days: an average Gregorian month
YEAR = 365 * DAY

_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "second": ("s", "sec", "secs", "second", "seconds"),
    "minute": ("min", "mins", "minute", "minutes"),
    "hour": ("h", "hr", "hrs", "hour", "hours"),
    "day": ("d", "day", "days"),
    "week": ("w", "wk", "wks", "week", "weeks"),
    "month": ("mo", "mos", "mon", "mth", "mths", "month", "months"),
    "year": ("y", "yr", "yrs", "year", "years"),
}
_UNIT_SECONDS = {
    "second": SECOND,
    "minute": MINUTE,
    "hour": HOUR,
    "day": DAY,
    "week": WEEK,
    "month": MONTH,
    "year": YEAR,
}
_UNITS = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_SESSION = frozenset({"session", "session cookie", "0"})
_HUMAN = re.compile(r"\s*(?:\d+(?:\.\d+)?\s*[a-z]+\s*)+")
_HUMAN_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_ISO = re.compile(
    r"p(?:(?P<year>\d+)y)?(?:(?P<month>\d+)m)?(?:(?P<week>\d+)w)?(?:(?P<day>\d+)d)?"
    r"(?:t(?=\d)(?:(?P<hour>\d+)h)?(?:(?P<minute>\d+)m)?(?:(?P<second>\d+)s)?)?"
)
_HINT = "(try '13 months', '30 days', 'session')"

# Format ladder: (unit name, seconds, largest count still readable in that unit alone).
_LADDER = (
    ("year", YEAR, None),
    ("month", MONTH, None),
    ("day", DAY, None),
    ("hour", HOUR, 47),
    ("minute", MINUTE, 119),
    ("second", SECOND, 119),
)
# Fallback: the largest unit reached, then the next one down.
_PAIRS = (
    (YEAR, "year", MONTH, "month"),
    (DAY, "day", HOUR, "hour"),
    (HOUR, "hour", MINUTE, "minute"),
    (MINUTE, "minute", SECOND, "second"),
)


def parse_duration(value: str | int) -> int | None:
    """Read a lifetime into whole seconds; ``None`` means a session cookie.

    Accepts seconds as an int, "session", "0", "30 days", "90d", "1 year 6 months",
    "1 year, 6 months" and ISO-8601 durations such as "P1Y2M". A zero lifetime is a session.
    Raises ``ValueError`` with a readable message on anything else.
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"cannot read {value!r} as a lifetime {_HINT}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"a lifetime cannot be negative (got {value})")
        return value or None
    text = " ".join(value.lower().split())
    if " ".join(re.sub(r"[-_]", " ", text).split()) in _SESSION:
        return None
    seconds = _parse_text(text, value)
    return seconds or None


def _parse_text(text: str, original: str) -> int:
    """Seconds in a normalised, non-session lifetime text."""
    if text.isdigit():
        return int(text)
    iso = _ISO.fullmatch(text.replace(" ", ""))
    if iso and any(iso.groupdict().values()):
        return sum(int(n) * _UNIT_SECONDS[unit] for unit, n in iso.groupdict().items() if n)
    cleaned = re.sub(r",|\band\b", " ", text)
    if not _HUMAN.fullmatch(cleaned):
        raise ValueError(f"cannot read {_shown(original)} as a lifetime {_HINT}")
    total = Fraction(0)
    seen: set[str] = set()
    for number, word in _HUMAN_PART.findall(cleaned):
        unit = _unit(word, original)
        if unit in seen:
            raise ValueError(f"cannot read {_shown(original)} as a lifetime: {unit} given twice")
        seen.add(unit)
        total += Fraction(number) * _UNIT_SECONDS[unit]
    return round(total)


def _unit(word: str, original: str) -> str:
    """The unit a word names, or a ``ValueError`` explaining why it names none."""
    if word == "m":
        raise ValueError(
            f"cannot read {_shown(original)} as a lifetime: 'm' is ambiguous, "
            "write 'min' for minutes or 'months'"
        )
    if word not in _UNITS:
        raise ValueError(f"cannot read {_shown(original)} as a lifetime {_HINT}")
    return _UNITS[word]


def _shown(value: str) -> str:
    """A value quoted for an error message, shortened when long."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


def format_duration(seconds: int | None) -> str:
    """Write a lifetime for people: "session", "45 seconds", "13 months", "1 year 1 month".

    An exact whole number of a readable unit wins; otherwise the value is rounded to the
    simplest near form (within 0.05%), else to the two largest units. Negative is "expired".
    """
    if seconds is None:
        return "session"
    if seconds < 0:
        return "expired"
    tolerance = max(2, seconds // 2000)
    for limit in (0, tolerance):
        for value, text in _candidates(seconds):
            if abs(value - seconds) <= limit:
                return text
    return _two_units(seconds)


def _candidates(seconds: int) -> Iterator[tuple[int, str]]:
    """Simple forms near ``seconds``, simplest first: one unit, or years and months."""
    for name, size, most in _LADDER:
        count = _round_div(seconds, size)
        if (count >= 1 or size == SECOND) and (most is None or count <= most):
            yield count * size, _plural(count, name)
        if name == "month" and seconds >= YEAR:
            years = seconds // YEAR
            months = _round_div(seconds - years * YEAR, MONTH)
            if 1 <= months <= 11:
                text = f"{_plural(years, 'year')} {_plural(months, 'month')}"
                yield years * YEAR + months * MONTH, text


def _two_units(seconds: int) -> str:
    """``seconds`` as the largest unit it reaches plus the rounded next unit down."""
    big, big_name, small, small_name = next(p for p in _PAIRS if seconds >= p[0])
    count, rest = divmod(seconds, big)
    if big - rest <= small // 2:
        return _plural(count + 1, big_name)
    parts = [_plural(count, big_name)]
    if _round_div(rest, small):
        parts.append(_plural(_round_div(rest, small), small_name))
    return " ".join(parts)


def _round_div(value: int, unit: int) -> int:
    """``value / unit`` rounded half up, in integers."""
    return (2 * value + unit) // (2 * unit)


def _plural(count: int, unit: str) -> str:
    """ "1 day", "2 days"."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"
