"""Tests for turning Open Cookie Database rows into fact entries, and the build script."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.knowledge.ocd import (
    OcdFormatError,
    category_of,
    domains_of,
    entries_from_csv,
    name_pattern,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_cookie_db.py"
COLUMNS = [
    "ID", "Platform", "Category", "Cookie / Data Key name", "Domain", "Description",
    "Retention period", "Data Controller", "User Privacy & GDPR Rights Portals", "Wildcard match",
]  # fmt: skip
SECRET_SENTENCE = "This sentence is a description and must never be copied."
ROWS = [
    ["id-2", "Google Analytics", "Analytics", "_ga", "", SECRET_SENTENCE, "2 years", "Google",
     "https://x.example/privacy", "0"],
    ["id-1", "Google Analytics", "Analytics", "_ga_", "", SECRET_SENTENCE, "2 years", "Google",
     "https://x.example/privacy", "1"],
    ["id-3", "DoubleClick", "Marketing", "IDE", "doubleclick.net (3rd party)", SECRET_SENTENCE,
     "400 days", "Google", "", "0"],
    ["id-4", "Shield", "Security", "__cf_bm", ".example.com", SECRET_SENTENCE, "30 minutes",
     "Cloudflare", "", "0"],
    ["id-5", "Shop", "Personalization", "_gat_UA-[ID]", "", SECRET_SENTENCE, "1 minute", "Shop",
     "", "0"],
    ["id-6", "Odd", "Mystery", "weird", "", SECRET_SENTENCE, "Varies", "Odd", "", "0"],
]  # fmt: skip


def csv_text(rows: list[list[str]]) -> str:
    """A CSV in the upstream layout."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "wildcard", "expected"),
    [
        ("_ga", False, ("exact", "_ga")),
        ("_ga_", True, ("prefix", "_ga_")),
        ("_ga_<container-id>", False, ("prefix", "_ga_")),
        ("_gat_UA-[ID]", False, ("prefix", "_gat_UA-")),
        ("_pk_id.xxx.yyy", False, ("glob", "_pk_id.*.yyy")),
        ("SSPR_*", False, ("prefix", "SSPR_")),
        ("a_{id}_b", True, ("glob", "a_*_b*")),
        ("id_[property-id]", False, ("prefix", "id_")),
        ("pvc_visits[0]", False, ("exact", "pvc_visits[0]")),
        ("barometric[cuid]", False, ("exact", "barometric[cuid]")),
    ],
)
def test_name_pattern_normalises_placeholders(
    name: str, wildcard: bool, expected: tuple[str, str]
) -> None:
    assert name_pattern(name, wildcard) == expected


def test_category_mapping() -> None:
    assert [category_of(c) for c in ("Marketing", "Security", "Personalization", "Analytics")] == [
        "advertising",
        "necessary",
        "functional",
        "analytics",
    ]
    assert category_of("Mystery") == "unknown"


def test_domains_are_cleaned_and_split() -> None:
    assert domains_of(".bing.com (3rd party) or .microsoft.com (3rd party)") == [
        "bing.com",
        "microsoft.com",
    ]
    assert domains_of("google-analytics.com (3rd party) or ") == ["google-analytics.com"]
    assert domains_of("") == []


def test_entries_keep_facts_only_sorted() -> None:
    entries = entries_from_csv(csv_text(ROWS))
    assert [e["name"] for e in entries] == [
        "IDE",
        "__cf_bm",
        "_ga",
        "_ga_",
        "_gat_UA-[ID]",
        "weird",
    ]
    ide = entries[0]
    assert ide == {
        "id": "id-3",
        "name": "IDE",
        "match": "exact",
        "pattern": "IDE",
        "vendor": "DoubleClick",
        "category": "advertising",
        "domains": ["doubleclick.net"],
        "retention": "400 days",
        "retention_seconds": 400 * 86_400,
        "session": False,
        "controller": "Google",
    }
    assert SECRET_SENTENCE not in json.dumps(entries)


def test_foreign_csv_is_refused() -> None:
    with pytest.raises(OcdFormatError, match="missing column"):
        entries_from_csv("a,b\n1,2\n")


def run_script(csv_path: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run the build script as a user would."""
    command = [sys.executable, str(SCRIPT), str(csv_path), str(out), *extra]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


def test_build_script_regenerates_deterministically(tmp_path: Path) -> None:
    source = tmp_path / "open-cookie-database.csv"
    source.write_text(csv_text(ROWS), encoding="utf-8")
    (tmp_path / "SOURCE.md").write_text("- Snapshot: commit abcdef1234567 (2026-01-21), 6 rows\n")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run_script(source, first).returncode == 0
    reversed_source = tmp_path / "reversed.csv"
    reversed_source.write_text(csv_text(ROWS[::-1]), encoding="utf-8")
    assert (
        run_script(reversed_source, second, "--source-md", str(tmp_path / "SOURCE.md")).returncode
        == 0
    )
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["header"]["snapshot_commit"] == "abcdef1234567"
    assert data["header"]["snapshot_date"] == "2026-01-21"
    assert data["header"]["licence"] == "Apache-2.0"
    assert data["header"]["entries"] == len(data["cookies"]) == 6
    assert SECRET_SENTENCE not in first.read_text(encoding="utf-8")


def test_build_script_reports_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,cookie,db\n", encoding="utf-8")
    result = run_script(bad, tmp_path / "out.json")
    assert result.returncode == 2
    assert "missing column" in result.stderr
    assert not (tmp_path / "out.json").exists()


SHARED_CSV = ROOT.parent / "shared" / "data" / "open-cookie-database" / "open-cookie-database.csv"


@pytest.mark.skipif(
    not SHARED_CSV.is_file(), reason="the shared upstream snapshot is not beside the repo"
)
def test_bundled_json_matches_the_shared_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "known_cookies.json"
    assert run_script(SHARED_CSV, out).returncode == 0
    bundled = ROOT / "scanner" / "knowledge" / "data" / "known_cookies.json"
    assert out.read_bytes() == bundled.read_bytes()
