"""Locale-aware report text: the templates' filters (numbers, dates, lifetimes, marked terms)
and ``Words`` for text built in Python."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from babel.dates import format_datetime
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from scanner.i18n import DEFAULT_LANGUAGE, N_, translations

_UNIT = re.compile(r"(\d+) (second|minute|hour|day|week|month|year)s?")
# Words the scanner writes into reports (states, severities, parties, phases...), marked once
# here so the extractor puts them in the catalogs; the templates show them through ``term``.
TERMS = (
    N_("none"), N_("accept"), N_("reject"), N_("gpc"), N_("gpc-accept"),
    N_("high"), N_("medium"), N_("low"), N_("info"), N_("pass"), N_("fail"),
    N_("first"), N_("third"), N_("header"), N_("script"),
    N_("necessary"), N_("functional"), N_("analytics"), N_("advertising"),
    N_("unclassified"), N_("unknown"), N_("cookie"), N_("third party"),
    N_("before_consent"), N_("after_consent"), N_("session"), N_("expired"),
    N_("before consent"), N_("after consent"), N_("default"),
)  # fmt: skip


def term(value: object, language: str) -> str:
    """A scanner word (state, severity, party, category...) in ``language``; others unchanged."""
    text = str(value)
    return translations(language).gettext(text) if text else text


def number(value: float | int, language: str, pattern: str | None = None) -> str:
    """A number as ``language`` writes it (grouping, decimal sign)."""
    return format_decimal(value, format=pattern, locale=language)


def date_time(iso: str, language: str) -> str:
    """An ISO time stamp (UTC) as ``language`` writes a date and time; unparsable text as is."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment, format="medium", tzinfo=UTC, locale=language) + " UTC"


def duration(text: str, language: str) -> str:
    """A lifetime from ``format_duration`` ("1 year 2 months", "session") in ``language``."""
    if not _UNIT.search(text):
        return term(text, language)
    return _UNIT.sub(
        lambda m: format_unit(
            int(m.group(1)), f"duration-{m.group(2)}", length="long", locale=language
        ),
        text,
    )


CELL_PHASES = (" (before consent)", " (after consent)", "before consent", "after consent")


def cell(text: str, language: str) -> str:
    """An inventory cell ("12 (before consent)", "after consent") in ``language``."""
    for phase in CELL_PHASES:
        if text.endswith(phase):
            count = text[: -len(phase)]
            word = term(phase.strip(" ()"), language)
            shown = number(int(count), language) if count.isdigit() else count
            return f"{shown} ({word})" if phase.startswith(" ") else word
    return text


MORE_TERMS = (N_("from a service worker"), N_("known"), N_("file"), N_("env"), N_("flag"))
_PAREN = re.compile(r"^([^()]+?) \(([^()]+)\)$")


def phrase(text: str, language: str) -> str:
    """ "word (note)" or "word rest" from the scanner, with its known words in ``language``."""
    translated = term(text, language)
    if translated != text or not text:
        return translated
    if paren := _PAREN.match(text):
        return f"{term(paren.group(1), language)} ({term(paren.group(2), language)})"
    head, _, rest = text.partition(" ")
    return f"{term(head, language)} {rest}" if rest else text


@dataclass(frozen=True, slots=True)
class Words:
    """Report text built in Python, in one language: what the templates' ``_``, ``ngettext``
    and filters do for HTML. Values are inserted as given: escape site text before."""

    language: str = DEFAULT_LANGUAGE

    def __call__(self, msgid: str, **values: object) -> str:
        """``msgid`` (marked with ``N_``) in the language, ``%(name)s`` filled from ``values``."""
        text = translations(self.language).gettext(msgid)
        return text % values if values else text

    def plural(self, forms: tuple[str, str], num: int, **values: object) -> str:
        """The form of ``forms`` (marked with ``NP_``) for ``num``; ``%(num)s`` as a number."""
        text = translations(self.language).ngettext(forms[0], forms[1], num)
        return text % {"num": self.num(num), **values}

    def term(self, value: object) -> str:
        """A scanner word (state, severity, category, status...) in the language."""
        return term(value, self.language)

    def num(self, value: float | int) -> str:
        """A number as the language writes it."""
        return number(value, self.language)

    def date(self, iso: str) -> str:
        """An ISO time stamp as the language writes a date and time (UTC)."""
        return date_time(iso, self.language)

    def either(self, items: Iterable[str]) -> str:
        """``a``, ``a or b``, ``a, b or c`` in the language."""
        return format_list(list(items), style="or", locale=self.language)
