"""Catalog upkeep: extract the report's messages, merge them into every catalog, list gaps."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from scanner.i18n import KIND_FIELDS, LANGUAGES, kind_key

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE = PACKAGE / "i18n" / "locale"
TEMPLATE = LOCALE / "messages.pot"
KINDS_FILE = PACKAGE / "data" / "finding_kinds.yaml"
# Where reader-facing texts live: the report templates and the Python modules that mark words
# with N_() or, with a plural form, NP_() (scanner/report and scanner/i18n).
TEMPLATES = PACKAGE / "report" / "templates"
PYTHON_ROOTS = (PACKAGE / "report", PACKAGE / "i18n")
PYTHON_KEYWORDS: dict[str, tuple[int, ...] | None] = {"N_": None, "NP_": (1, 2)}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "1", "lstrip_blocks": "1"}
STABLE_DATE = datetime(2026, 1, 1, tzinfo=UTC)
Message = tuple[str, str | tuple[str, str]]  # (where, msgid or (singular, plural))


@dataclass(frozen=True, slots=True)
class Gap:
    """A message a catalog lacks (or holds only as fuzzy): which catalog, which message."""

    language: str
    msgid: str
    fuzzy: bool = False

    def __str__(self) -> str:
        how = "fuzzy" if self.fuzzy else "missing"
        return f"{self.language}.po: {how} translation for {self.msgid!r}"


def kinds() -> list[str]:
    """Every finding kind in ``finding_kinds.yaml``, in file order."""
    return list(yaml.safe_load(KINDS_FILE.read_text("utf-8")))


def messages() -> Iterator[Message]:
    """Every message the reports show: kind texts, template texts, texts marked in Python."""
    for kind in kinds():
        for field in KIND_FIELDS:
            yield f"finding_kinds.yaml:{kind}", kind_key(kind, field)
    for path in sorted(TEMPLATES.glob("*.j2")):
        with path.open("rb") as handle:
            for line, _func, msg, _c in babel_extract(handle, ("_", "ngettext"), [], JINJA_OPTIONS):
                if msgid := _msgid(msg):
                    yield f"{path.name}:{line}", msgid
    for root in PYTHON_ROOTS:
        for path in sorted(root.rglob("*.py")):
            with path.open("rb") as handle:
                for line, msg, _c, _ctx in extract("python", handle, keywords=PYTHON_KEYWORDS):
                    if msgid := _msgid(msg):
                        yield f"{path.relative_to(PACKAGE.parent)}:{line}", msgid


def _msgid(msg: object) -> str | tuple[str, str] | None:
    """A literal message id (singular, or singular and plural); None for a computed one."""
    parts = [p for p in msg if p] if isinstance(msg, tuple) else [msg] if msg else []
    if len(parts) == 2:
        return (str(parts[0]), str(parts[1]))
    return str(parts[0]) if parts else None


def template_catalog() -> Catalog:
    """The messages as a template catalog (``messages.pot``)."""
    pot = Catalog(project="cookiescan", domain="cookiescan", fuzzy=False)
    for where, msgid in messages():
        file, _, line = where.rpartition(":")
        location = (file, int(line)) if line.isdigit() else (where, 0)
        if existing := pot.get(msgid if isinstance(msgid, str) else msgid[0]):
            existing.locations.append(location)
        else:
            pot.add(msgid, locations=[location])
    return pot


def render(catalog: Catalog, **options: bool) -> str:
    """A catalog as ``.po`` text (stable: no dates that change on every run)."""
    catalog.creation_date = catalog.revision_date = STABLE_DATE
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, **options)
    return buffer.getvalue().decode("utf-8")


def load(language: str) -> Catalog:
    """The catalog file of ``language`` as it is on disk (an empty one when there is none)."""
    path = LOCALE / f"{language}.po"
    if not path.exists():
        return Catalog(locale=language, domain="cookiescan", project="cookiescan")
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain="cookiescan")


def update(language: str, pot: Catalog) -> Catalog:
    """``language``'s catalog with exactly the template's messages (translations kept)."""
    catalog = load(language)
    catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    return catalog


def gaps(language: str, pot: Catalog, catalog: Catalog | None = None) -> list[Gap]:
    """The template's messages ``language`` does not translate (English: only the kind texts)."""
    catalog = catalog or load(language)
    found = []
    for message in pot:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        if language == "en" and not msgid.startswith("kind."):
            continue  # English UI texts are their own msgids
        own = catalog.get(msgid)
        if not own or not all(_strings(own.string)):
            found.append(Gap(language, msgid))
        elif own.fuzzy:
            found.append(Gap(language, msgid, fuzzy=True))
    return found


def _strings(string: object) -> tuple[str, ...]:
    """A message's translation(s) as a tuple ("" when untranslated)."""
    if isinstance(string, str):
        return (string,)
    return tuple(str(s) for s in string) if isinstance(string, tuple | list) else ("",)


def all_gaps() -> list[Gap]:
    """Every gap of every shipped catalog against a fresh extraction."""
    pot = template_catalog()
    return [gap for language in LANGUAGES for gap in gaps(language, pot)]
