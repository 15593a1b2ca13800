#!/usr/bin/env python3
"""Report catalogs: extract messages, merge them into every catalog, list what each one misses.

Usage:
  scripts/i18n.py kinds     move title/rule/why/fix of new kinds from finding_kinds.yaml into en.po
  scripts/i18n.py update    write messages.pot and merge it into every locale/<lang>.po
  scripts/i18n.py missing [LANG ...]   list untranslated messages; exit 1 when there are any

Adding a finding kind: give it a severity in scanner/data/finding_kinds.yaml (texts may sit
beside it for a moment), run `kinds` then `update`, translate the new entries in every
scanner/i18n/locale/<lang>.po (`missing` lists them), and commit the .po files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scanner.i18n import KIND_FIELDS, LANGUAGES, kind_key
from scanner.i18n.catalogs import (
    KINDS_FILE,
    LOCALE,
    TEMPLATE,
    gaps,
    load,
    render,
    template_catalog,
    update,
)


def move_kind_texts() -> int:
    """Texts of kinds in finding_kinds.yaml go to en.po; the YAML keeps severities only."""
    spec = yaml.safe_load(KINDS_FILE.read_text("utf-8"))
    english = load("en")
    moved = 0
    for kind, fields in spec.items():
        for field in KIND_FIELDS:
            if text := fields.pop(field, None):
                english.add(kind_key(kind, field), string=text)
                moved += 1
    if moved:
        (LOCALE / "en.po").write_text(render(english), "utf-8")
        header = [
            line for line in KINDS_FILE.read_text("utf-8").splitlines() if line.startswith("#")
        ]
        body = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
        KINDS_FILE.write_text("\n".join(header) + "\n" + body, "utf-8")
    print(f"moved {moved} kind texts into en.po")
    return 0


def write_all() -> int:
    """messages.pot fresh from the sources, and every catalog merged with it."""
    pot = template_catalog()
    TEMPLATE.write_text(render(pot), "utf-8")
    for language in LANGUAGES:
        (LOCALE / f"{language}.po").write_text(render(update(language, pot)), "utf-8")
    print(f"{len(pot)} messages; catalogs updated: {', '.join(LANGUAGES)}")
    return 0


def list_missing(languages: list[str]) -> int:
    """Print every message a catalog misses; 1 when any does."""
    pot = template_catalog()
    found = [gap for language in languages or LANGUAGES for gap in gaps(language, pot)]
    for gap in found:
        print(gap)
    print(f"{len(found)} untranslated messages", file=sys.stderr)
    return 1 if found else 0


def main(argv: list[str]) -> int:
    command, *rest = argv or ["missing"]
    if command == "kinds":
        return move_kind_texts()
    if command == "update":
        return write_all()
    if command == "missing":
        return list_missing(rest)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
