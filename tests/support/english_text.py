"""English UI text left in a translated report: the English catalog's phrases, found in text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.i18n import catalog
from scanner.i18n.catalogs import template_catalog

_PLACEHOLDER = re.compile(r"%\(\w+\)s")
_MIN_CHUNK = 4


def _english(msgid: str | tuple[str, ...]) -> Iterator[str]:
    """The English texts of one message: the msgid, or a kind text from the English catalog."""
    ids = (msgid,) if isinstance(msgid, str) else msgid
    for one in ids:
        yield catalog("en").get(one).string if one.startswith("kind.") else one  # type: ignore[union-attr]


def _translated(language: str) -> str:
    """Every translation of ``language`` joined: words the language itself uses."""
    strings = (m.string for m in catalog(language) if m.id)
    return "\n".join(s if isinstance(s, str) else "\n".join(s) for s in strings)


def english_phrases(language: str) -> list[str]:
    """Literal chunks of the English messages (split at placeholders) ``language`` translates."""
    own = _translated(language)
    found = set()
    for message in template_catalog():
        if not message.id:
            continue
        for text in _english(message.id):
            for chunk in _PLACEHOLDER.split(text):
                chunk = chunk.strip(" .,:;()")
                if (
                    len(chunk) >= _MIN_CHUNK
                    and re.search("[A-Za-z]{3}", chunk)
                    and chunk not in own
                ):
                    found.add(chunk)
    return sorted(found, key=len, reverse=True)


def english_left(text: str, language: str) -> list[str]:
    """The English phrases (whole words) that occur in ``text``."""
    return [
        phrase
        for phrase in english_phrases(language)
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
    ]
