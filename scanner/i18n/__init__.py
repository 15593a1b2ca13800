"""Report languages: the gettext catalogs (``locale/<lang>.po``, read with Babel) and lookups."""

from __future__ import annotations

import functools
import gettext
import io
from importlib import resources

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DEFAULT_LANGUAGE = "en"
# Every shipped report language: a catalog locale/<code>.po each (a test checks both ways).
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "nl", "pl", "sq")
LANGUAGE_NAMES = {
    "en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "it": "Italiano",
    "nl": "Nederlands", "pl": "Polski", "sq": "Shqip",
}  # fmt: skip
KIND_FIELDS = ("title", "rule", "why", "fix")


class UnknownLanguage(ValueError):
    """A report language with no catalog."""

    def __init__(self, language: str) -> None:
        shipped = ", ".join(LANGUAGES)
        super().__init__(f"unknown report language {language!r} (shipped: {shipped})")


def normalize(language: str) -> str:
    """``de``, ``DE`` and ``de-AT``/``de_AT`` all mean the German catalog; unknown ones raise."""
    code = language.strip().replace("-", "_").split("_")[0].lower()
    if code not in LANGUAGES:
        raise UnknownLanguage(language)
    return code


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogs; translated where it is shown."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form for extraction; shown through ``ngettext``."""
    return singular, plural


def catalog_path(language: str) -> resources.abc.Traversable:
    """The bundled ``.po`` file of ``language``."""
    return resources.files("scanner.i18n").joinpath("locale", f"{language}.po")


@functools.cache
def catalog(language: str) -> Catalog:
    """The parsed catalog of ``language`` (Babel's model of a ``.po`` file)."""
    with catalog_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain="cookiescan")


@functools.cache
def translations(language: str) -> gettext.GNUTranslations:
    """gettext translations of ``language``: the ``.po`` compiled in memory, English beneath."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog(normalize(language)), use_fuzzy=False)
    buffer.seek(0)
    found = gettext.GNUTranslations(buffer)
    if language != DEFAULT_LANGUAGE:
        found.add_fallback(translations(DEFAULT_LANGUAGE))
    return found


def kind_key(kind: str, field: str) -> str:
    """The catalog's message id for one reader text of a finding kind, e.g. ``kind.x.title``."""
    return f"kind.{kind}.{field}"


def kind_text(kind: str, field: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A finding kind's title, rule, why or fix in ``language`` ("" when no catalog has it)."""
    key = kind_key(kind, field)
    text = translations(language).gettext(key)
    return "" if text == key else text
