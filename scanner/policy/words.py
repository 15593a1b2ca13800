"""Policy vocabulary in many languages (words.yaml): columns, categories, lifetimes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from scanner.declared.loader import parse_category
from scanner.model import Category
from scanner.model.durations import DAY, HOUR, MINUTE, MONTH, WEEK, YEAR
from scanner.model.yaml_data import load_yaml

_SECONDS = {"year": YEAR, "month": MONTH, "week": WEEK, "day": DAY, "hour": HOUR, "minute": MINUTE}
_WORD = re.compile(r"\w+")
# Columns tried in this order: the specific ones before "name" (which also matches "cookie").
COLUMN_ORDER = ("lifetime", "category", "vendor", "purpose", "name")
MAX_NGRAM = 3


@dataclass(frozen=True, slots=True)
class Lifetime:
    """A lifetime a policy states: seconds (``None``: session) and its English text."""

    seconds: int | None
    text: str


@cache
def vocabulary() -> dict[str, Any]:
    """The bundled words.yaml."""
    text = resources.files("scanner.policy").joinpath("words.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


def words(text: str) -> list[str]:
    """Lower-case words of a text (letters, digits, underscore; any script)."""
    return _WORD.findall(text.lower())


def column_of(heading: str) -> str | None:
    """Which column a table heading names (name, vendor, category, lifetime, purpose)."""
    found = set(words(heading))
    columns: dict[str, list[str]] = vocabulary()["columns"]
    for column in COLUMN_ORDER:
        for word in columns[column]:
            if set(word.split()) <= found:
                return column
    return None


def is_header_line(line: str) -> bool:
    """Whether a plain-text line is a cookie table's header ("Cookie name Purpose ...")."""
    found = set(words(line))
    vocab = vocabulary()
    return bool(found & set(vocab["cookie_words"])) and bool(found & set(vocab["name_words"]))


def is_connector(word: str) -> bool:
    """Whether a word joins a vendor's name ("by", "nga", "von")."""
    return word.lower() in vocabulary()["connectors"]


def category_in(text: str) -> Category | None:
    """The first category a text names, by its own words or synonyms (any n-gram up to 3)."""
    tokens = words(text)
    for start in range(len(tokens)):
        for size in range(MAX_NGRAM, 0, -1):
            if start + size <= len(tokens):
                found = parse_category(" ".join(tokens[start : start + size]))
                if found is not None:
                    return found
    return None


@cache
def _units() -> dict[str, str]:
    table: dict[str, list[str]] = vocabulary()["units"]
    return {word: unit for unit, names in table.items() for word in names}


def lifetime_in(text: str) -> Lifetime | None:
    """The first lifetime a text states ("2 years", "13 muaj", "session"), else ``None``."""
    tokens = words(text)
    for index, token in enumerate(tokens):
        unit = _units().get(tokens[index + 1]) if index + 1 < len(tokens) else None
        if token.isdigit() and unit is not None:
            count = int(token)
            shown = f"{count} {unit}" if count == 1 else f"{count} {unit}s"
            return Lifetime(count * _SECONDS[unit], shown)
        if token in vocabulary()["session"]:
            return Lifetime(None, "session")
    return None
