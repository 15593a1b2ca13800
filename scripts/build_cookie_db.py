#!/usr/bin/env python3
"""Regenerate scanner/knowledge/data/known_cookies.json from an Open Cookie Database CSV.

Usage: build_cookie_db.py CSV OUT_JSON [--source-md SOURCE.md] [--commit SHA] [--date YYYY-MM-DD]

Only facts are kept (name or prefix, vendor, category, domain, retention, controller);
the upstream description sentences are never copied. Output is deterministic.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scanner.knowledge.ocd import dump_cookie_db, entries_from_csv, header_of

_COMMIT = re.compile(r"commit\s+([0-9a-f]{7,40})", re.IGNORECASE)
_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")


def snapshot_of(source_md: Path | None) -> tuple[str, str]:
    """Commit and date of the snapshot, read from a SOURCE.md beside the CSV."""
    if source_md is None or not source_md.is_file():
        return ("unknown", "unknown")
    text = source_md.read_text(encoding="utf-8")
    commit, date = _COMMIT.search(text), _DATE.search(text)
    return (commit.group(1) if commit else "unknown", date.group(1) if date else "unknown")


def main(argv: list[str] | None = None) -> int:
    """Build the JSON; 0 on success, 2 on a bad input file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("out_json", type=Path)
    parser.add_argument("--source-md", type=Path, default=None)
    parser.add_argument("--commit", default=None)
    parser.add_argument("--date", default=None)
    args = parser.parse_args(argv)
    source_md = args.source_md or args.csv.parent / "SOURCE.md"
    commit, date = snapshot_of(source_md)
    try:
        entries = entries_from_csv(args.csv.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        print(f"build_cookie_db: {args.csv}: {e}", file=sys.stderr)
        return 2
    header = header_of(entries, args.commit or commit, args.date or date)
    args.out_json.write_text(dump_cookie_db(header, entries), encoding="utf-8")
    print(f"wrote {len(entries)} entries to {args.out_json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
