"""Open Cookie Database CSV rows → plain fact entries (no description sentences)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from scanner.knowledge.retention import parse_retention

SOURCE_NAME = "Open Cookie Database"
UPSTREAM_URL = "https://github.com/jkwakman/Open-Cookie-Database"
RAW_CSV_URL = (
    "https://raw.githubusercontent.com/jkwakman/Open-Cookie-Database/master/"
    "open-cookie-database.csv"
)
LICENCE = "Apache-2.0"
REQUIRED_COLUMNS = ("ID", "Platform", "Category", "Cookie / Data Key name", "Wildcard match")

CATEGORY_MAP: dict[str, str] = {
    "necessary": "necessary",
    "strictly necessary": "necessary",
    "security": "necessary",
    "functional": "functional",
    "preferences": "functional",
    "personalization": "functional",
    "personalisation": "functional",
    "analytics": "analytics",
    "statistics": "analytics",
    "performance": "analytics",
    "marketing": "advertising",
    "advertising": "advertising",
}

# Placeholders upstream writes inside names: <container-id>, {id}, [ID], xxx, *.
_PLACEHOLDER = re.compile(
    r"<[^<>]*>|\{[^{}]*\}|\[(?:[A-Z][A-Z0-9_\- ]*|[a-z]+[-_ ][a-z_\- ]+)\]|x{3,}|X{3,}|\*"
)
_THIRD_PARTY_NOTE = re.compile(r"\(3rd party\)", re.IGNORECASE)


class OcdFormatError(ValueError):
    """The text is not an Open Cookie Database CSV (a required column is missing)."""


def category_of(raw: str) -> str:
    """Map an upstream category onto ours; anything unknown stays ``unknown``."""
    return CATEGORY_MAP.get(raw.strip().lower(), "unknown")


def domains_of(raw: str) -> list[str]:
    """Split an upstream domain cell ("a.com (3rd party) or .b.com") into clean domains."""
    text = _THIRD_PARTY_NOTE.sub(" ", raw).lower()
    parts = re.split(r"\s+or\s+|,|\s+", text)
    cleaned = (p.strip().strip(".").strip() for p in parts)
    return sorted({p for p in cleaned if p and "." in p and "/" not in p})


def name_pattern(name: str, wildcard: bool) -> tuple[str, str]:
    """How a name matches: ``("exact"|"prefix"|"glob", pattern)``.

    Placeholders become ``*``; a glob whose only ``*`` is at the end is just a prefix.
    """
    if _PLACEHOLDER.search(name) is None:
        return ("prefix", name) if wildcard else ("exact", name)
    glob = re.sub(r"\*+", "*", _PLACEHOLDER.sub("*", name))
    if wildcard and not glob.endswith("*"):
        glob += "*"
    if glob.count("*") == 1 and glob.endswith("*") and len(glob) > 1:
        return ("prefix", glob[:-1])
    return ("glob", glob)


def entry_of(row: Mapping[str, str]) -> dict[str, Any] | None:
    """One CSV row → one fact entry; rows without an id or a name give ``None``."""
    ident, name = row.get("ID", "").strip(), row.get("Cookie / Data Key name", "").strip()
    if not ident or not name:
        return None
    match, pattern = name_pattern(name, row.get("Wildcard match", "").strip() == "1")
    retention_text = " ".join(row.get("Retention period", "").split())
    retention = parse_retention(retention_text)
    return {
        "id": ident,
        "name": name,
        "match": match,
        "pattern": pattern,
        "vendor": row.get("Platform", "").strip(),
        "category": category_of(row.get("Category", "")),
        "domains": domains_of(row.get("Domain", "")),
        "retention": retention_text,
        "retention_seconds": retention.seconds,
        "session": retention.session,
        "controller": row.get("Data Controller", "").strip(),
    }


def entries_from_rows(rows: Iterable[Mapping[str, str]]) -> list[dict[str, Any]]:
    """Fact entries of all usable rows, sorted by name then id (deterministic)."""
    entries = [e for e in (entry_of(r) for r in rows) if e is not None]
    return sorted(entries, key=lambda e: (e["name"], e["id"]))


def entries_from_csv(text: str) -> list[dict[str, Any]]:
    """Parse the upstream CSV text; raises :class:`OcdFormatError` on a foreign file."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise OcdFormatError(f"not an Open Cookie Database CSV: missing column(s) {missing}")
    return entries_from_rows(reader)


def header_of(entries: list[dict[str, Any]], commit: str, date: str) -> dict[str, Any]:
    """The header object describing where the entries came from."""
    return {
        "source": SOURCE_NAME,
        "upstream_url": UPSTREAM_URL,
        "csv_url": RAW_CSV_URL,
        "snapshot_commit": commit,
        "snapshot_date": date,
        "licence": LICENCE,
        "attribution": "Open Cookie Database by jkwakman and contributors (Apache-2.0)",
        "fields": "facts only: name or prefix, vendor, category, domain, retention, controller",
        "entries": len(entries),
    }


def dump_cookie_db(header: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    """Serialise header and entries as JSON, one entry per line (diff-friendly, stable)."""
    head = json.dumps(header, indent=2, sort_keys=True, ensure_ascii=False).replace("\n", "\n  ")
    body = ",\n    ".join(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in entries)
    return f'{{\n  "header": {head},\n  "cookies": [\n    {body}\n  ]\n}}\n'
