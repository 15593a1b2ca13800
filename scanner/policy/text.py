"""Cookie names from a policy's plain text, including tables flattened to lines.

A table starts at a header line ("Cookie name Purpose ..."); each row starts with a vendor
followed by cookie names, names may continue one per line, and prose ends the row. Short
lines naming a category ("Reklamim", "Analytics cookies") set the category of what follows.
Lines such as "_ga: Google Analytics, 2 years" are entries too. Outside tables, only names
that look like cookie names and that the knowledge base knows are taken from prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from scanner.knowledge import KnowledgeBase, MatchKind
from scanner.model import Category
from scanner.policy.model import PolicyCookie
from scanner.policy.words import category_in, is_connector, is_header_line, lifetime_in

_NAME = re.compile(r"^[A-Za-z0-9_.*\-]*[A-Za-z][A-Za-z0-9_.*\-]*$")
_STRONG = re.compile(r"[_\-*.0-9]|[a-z][A-Z]|^[A-Z]{2,}$")
_PLAIN = re.compile(r"^[^\W\d_]+[,.;:!?]?$")
_ENTRY = re.compile(r"^[\s\u2022*\u00b7\u2013-]*([A-Za-z0-9_.*\-]+)\s*[:\u2013\u2014]\s*(.+)$")
_QUOTES = "\"'()[],;:.\u201c\u201d\u2018\u2019"
HEADING_WORDS = 6
PROSE_RUN = 3


@dataclass(slots=True)
class _Row:
    vendor: str
    names: list[tuple[str, int]] = field(default_factory=list)
    purpose: str = ""


def is_name(token: str) -> bool:
    """Whether a token could be a cookie name."""
    return bool(_NAME.match(token)) and len(token) <= 80


def is_strong_name(token: str) -> bool:
    """Whether a token looks like a cookie name rather than a word (``_ga``, ``IDE``)."""
    return is_name(token) and bool(_STRONG.search(token.strip(".")))


def prose_start(tokens: list[str]) -> int:
    """Index where running prose begins (three plain words, two of them lower case)."""
    for i in range(len(tokens) - PROSE_RUN + 1):
        run = tokens[i : i + PROSE_RUN]
        if all(_PLAIN.match(t) for t in run) and sum(t[0].islower() for t in run) >= 2:
            return i
    return len(tokens)


def _split_vendor(head: list[str]) -> tuple[str, list[str]]:
    """Vendor words (first token, connectors, capitalised words), then cookie names."""
    end = 1
    while end < len(head) and (
        is_connector(head[end])
        or is_connector(head[end - 1])
        or (head[end].isalpha() and head[end].istitle())
    ):
        end += 1
    return " ".join(head[:end]), head[end:]


class TextPolicyReader:
    """Reads lines one by one, keeping the current category, table and row."""

    def __init__(self, kb: KnowledgeBase | None) -> None:
        self.kb = kb
        self.category: Category | None = None
        self.in_table = False
        self.row: _Row | None = None
        self.found: list[PolicyCookie] = []

    def read(self, lines: Iterable[str]) -> list[PolicyCookie]:
        """Every cookie the lines list, in order (duplicates kept)."""
        for number, line in enumerate(lines, start=1):
            self._line(line.strip(), number)
        self._close()
        return self.found

    def _line(self, line: str, number: int) -> None:
        tokens = line.split()
        if not tokens:
            self._close()
        elif self.row is not None and prose_start(tokens) > 0 and all(is_name(t) for t in tokens):
            self.row.names += [(t, number) for t in tokens]
        elif self.row is not None:
            self.row.purpose = line
            self._close()
        elif is_header_line(line) and len(tokens) <= 2 * HEADING_WORDS:
            self.in_table = True
        elif self._entry(line, number) or (self.in_table and self._row_start(tokens, number)):
            pass
        elif len(tokens) <= HEADING_WORDS and not line.endswith((".", ":", ",")):
            self.category = category_in(line)
            self.in_table = False
        else:
            self._prose(tokens, number)

    def _row_start(self, tokens: list[str], number: int) -> bool:
        cut = prose_start(tokens)
        vendor, names = _split_vendor(tokens[:cut])
        if not names or not all(is_name(n) for n in names) or not any(map(is_strong_name, names)):
            return False
        self.row = _Row(vendor, [(n, number) for n in names], " ".join(tokens[cut:]))
        if cut < len(tokens):
            self._close()
        return True

    def _entry(self, line: str, number: int) -> bool:
        """A "name: description" line whose name looks like a cookie name."""
        match = _ENTRY.match(line)
        if match is None or not is_strong_name(match.group(1)):
            return False
        rest = match.group(2)
        life = lifetime_in(rest)
        self.found.append(
            PolicyCookie(
                match.group(1),
                category_in(rest) or self.category,
                "",
                life.seconds if life else None,
                life.text if life else None,
                rest,
                number,
            )
        )
        return True

    def _prose(self, tokens: list[str], number: int) -> None:
        """Names in running prose: only cookie-shaped ones the knowledge base knows exactly."""
        if self.kb is None:
            return
        for token in tokens:
            name = token.strip(_QUOTES)
            known = self.kb.cookie(name) if is_strong_name(name) and "_" in name else None
            if known is not None and known.match is MatchKind.EXACT and known.name == name:
                self.found.append(PolicyCookie(name, self.category, line=number))

    def _close(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        life = lifetime_in(row.purpose)
        for name, number in row.names:
            self.found.append(
                PolicyCookie(
                    name,
                    self.category,
                    row.vendor,
                    life.seconds if life else None,
                    life.text if life else None,
                    row.purpose,
                    number,
                )
            )


def cookies_in_text(text: str, kb: KnowledgeBase | None = None) -> list[PolicyCookie]:
    """Every cookie a plain-text policy lists (duplicates kept, in order)."""
    return TextPolicyReader(kb).read(text.splitlines())
