"""Cookie names from an HTML policy: tables with a name column, then everything else as text."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from scanner.declared.storage_types import COOKIE, parse_type
from scanner.knowledge import KnowledgeBase
from scanner.policy.model import PolicyCookie
from scanner.policy.text import cookies_in_text, is_name
from scanner.policy.words import category_in, column_of, lifetime_in

BLOCKS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "section")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "caption")
_SPLIT = re.compile(r"[\s,;/]+")
_SPLIT_STORES = re.compile(r"[\s,;]+")  # IndexedDB entries are named database/store


def _cells(row: Tag) -> list[str]:
    return [" ".join(c.get_text(" ").split()) for c in row.find_all(["td", "th"])]


def _columns(table: Tag) -> tuple[dict[str, int], list[Tag]] | None:
    """Column index by meaning, and the data rows; ``None`` without a name column."""
    rows = table.find_all("tr")
    if not rows:
        return None
    columns: dict[str, int] = {}
    for index, heading in enumerate(_cells(rows[0])):
        column = column_of(heading)
        if column is not None and column not in columns:
            columns[column] = index
    return (columns, rows[1:]) if "name" in columns else None


def _cell(cells: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    return cells[index] if index is not None and index < len(cells) else ""


def _table_cookies(table: Tag, columns: dict[str, int], rows: list[Tag]) -> list[PolicyCookie]:
    heading = table.find_previous(HEADINGS)
    section = category_in(heading.get_text(" ")) if heading is not None else None
    found = []
    for row in rows:
        cells = _cells(row)
        life = lifetime_in(_cell(cells, columns, "lifetime"))
        category = category_in(_cell(cells, columns, "category")) or section
        kind = next((t for t in map(parse_type, cells) if t is not None), COOKIE)
        split = _SPLIT_STORES if kind == "indexeddb" else _SPLIT
        for name in split.split(_cell(cells, columns, "name")):
            if is_name(name) or (kind == "indexeddb" and is_name(name.replace("/", "_"))):
                found.append(
                    PolicyCookie(
                        name,
                        category,
                        _cell(cells, columns, "vendor"),
                        life.seconds if life else None,
                        life.text if life else None,
                        _cell(cells, columns, "purpose"),
                        type=kind,
                    )
                )
    return found


def cookies_in_html(html: str, kb: KnowledgeBase | None = None) -> list[PolicyCookie]:
    """Every cookie an HTML policy lists: recognised tables first, then the rest as text."""
    soup = BeautifulSoup(html, "html.parser")
    for junk in soup.find_all(["script", "style", "noscript", "template"]):
        junk.decompose()
    found: list[PolicyCookie] = []
    for table in soup.find_all("table"):
        parsed = _columns(table)
        if parsed is not None:
            found += _table_cookies(table, *parsed)
            table.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(" ")
    for block in soup.find_all(BLOCKS):
        block.insert_after("\n")
    return found + cookies_in_text(soup.get_text(), kb)
