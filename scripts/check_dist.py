#!/usr/bin/env python3
"""Check a built sdist and wheel before they ship: complete package, no tests or caches.

Usage: check_dist.py DIST_DIR [--source scanner] [--expect-version 1.2.3]

DIST_DIR holds exactly one cookiescan wheel and one sdist (``python -m build`` output). The
wheel must hold every file of the source package (modules, data, demo site, schema, knowledge
files, templates) and nothing else but its metadata; the sdist must hold the same package
files plus the project files. Both must carry the same version (the tag's, when given).
Exit 0 when everything holds; otherwise print each problem and exit 1.
"""

from __future__ import annotations

import argparse
import email.parser
import sys
import tarfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "scanner"
DIST_NAME = "cookiescan"
ENTRY_POINT = "cookiescan = scanner.cli:main"
# A few files every release needs, so a file deleted from the source is caught too.
ESSENTIAL = (
    "scanner/cli.py",
    "scanner/data/finding_kinds.yaml",
    "scanner/i18n/locale/en.po",
    "scanner/i18n/locale/sq.po",
    "scanner/data/categories.yaml",
    "scanner/data/consent_words.yaml",
    "scanner/data/cmp_rules.yaml",
    "scanner/report/schema/report.schema.json",
    "scanner/report/templates/report.html.j2",
    "scanner/knowledge/data/known_cookies.json",
    "scanner/knowledge/data/trackers.json",
    "scanner/crawl/collectors/cookies/hooks.js",
    "scanner/consent/vendor/autoconsent/dist/autoconsent.playwright.js",
    "scanner/consent/vendor/autoconsent/rules/rules.json",
    "scanner/crawl/collectors/api_calls.js",
    "scanner/crawl/devtools/worker.js",
    "scanner/crawl/browser/guards.js",
    "scanner/demo/site/expected_cookies.yaml",
    "scanner/demo/site/www.demo-shop.test/index.html",
    "scanner/demo/site/www.demo-shop.test/_routes.yaml",
)
SDIST_PROJECT_FILES = ("PKG-INFO", "pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE")
FORBIDDEN_PARTS = frozenset(
    {
        "tests",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "node_modules",
        ".cookiescan",
        ".venv",
        ".git",
        "reports",
    }
)
# The sdist may carry the tests and the (empty) reports folder; never caches or installs.
SDIST_FORBIDDEN_PARTS = FORBIDDEN_PARTS - {"tests", "reports"}
FORBIDDEN_SUFFIXES = (".pyc", ".pyo", ".orig", ".rej", ".swp")


@dataclass(frozen=True, slots=True)
class Artifact:
    """One built file: its name, version, member paths and metadata text."""

    path: Path
    version: str
    members: frozenset[str]
    metadata: str
    entry_points: str = ""


def source_files(source: Path) -> set[str]:
    """Every file of the source package as a wheel path (``scanner/...``), caches excluded."""
    return {
        str(PurePosixPath(PACKAGE, *p.relative_to(source).parts))
        for p in source.rglob("*")
        if p.is_file() and not _forbidden(str(p.relative_to(source).as_posix()))
    }


def _forbidden(member: str, parts: frozenset[str] = FORBIDDEN_PARTS) -> bool:
    found = parts.intersection(PurePosixPath(member).parts)
    return bool(found) or member.endswith(FORBIDDEN_SUFFIXES)


def _version_of(metadata: str) -> str:
    return str(email.parser.Parser().parsestr(metadata, headersonly=True).get("Version", ""))


def read_wheel(path: Path) -> Artifact:
    """The wheel's members, version and metadata."""
    with zipfile.ZipFile(path) as wheel:
        names = frozenset(wheel.namelist())
        info = next((n for n in names if n.endswith(".dist-info/METADATA")), None)
        metadata = wheel.read(info).decode("utf-8") if info else ""
        entry = next((n for n in names if n.endswith(".dist-info/entry_points.txt")), None)
        entry_points = wheel.read(entry).decode("utf-8") if entry else ""
    return Artifact(path, _version_of(metadata), names, metadata, entry_points)


def read_sdist(path: Path) -> Artifact:
    """The sdist's members (without the top folder), version and metadata."""
    with tarfile.open(path) as sdist:
        names = [m.name for m in sdist.getmembers() if m.isfile()]
        top = names[0].split("/", 1)[0] if names else ""
        members = frozenset(n.split("/", 1)[1] for n in names if "/" in n)
        info = sdist.extractfile(f"{top}/PKG-INFO") if f"{top}/PKG-INFO" in names else None
        metadata = info.read().decode("utf-8") if info else ""
    return Artifact(path, _version_of(metadata), members, metadata)


def check_wheel(wheel: Artifact, expected: set[str]) -> list[str]:
    """Problems with the wheel's contents."""
    problems = [f"wheel lacks {m}" for m in sorted(expected - wheel.members)]
    problems += [f"wheel lacks essential {m}" for m in ESSENTIAL if m not in wheel.members]
    for member in sorted(wheel.members):
        top = member.split("/", 1)[0]
        if _forbidden(member):
            problems.append(f"wheel must not ship {member}")
        elif top != PACKAGE and not top.endswith(".dist-info"):
            problems.append(f"wheel has {member} outside the {PACKAGE} package")
    if ENTRY_POINT not in wheel.entry_points.replace("  ", " "):
        problems.append(f"wheel lacks the console script '{ENTRY_POINT}'")
    if not any(m.endswith(".dist-info/licenses/LICENSE") for m in wheel.members):
        problems.append("wheel lacks the LICENSE file")
    return problems


def check_sdist(sdist: Artifact, expected: set[str]) -> list[str]:
    """Problems with the sdist's contents."""
    problems = [f"sdist lacks {m}" for m in sorted(expected - sdist.members)]
    problems += [f"sdist lacks {m}" for m in SDIST_PROJECT_FILES if m not in sdist.members]
    problems += [
        f"sdist must not ship {m}"
        for m in sorted(sdist.members)
        if _forbidden(m, SDIST_FORBIDDEN_PARTS)
    ]
    return problems


def check_versions(artifacts: Iterable[Artifact], expect: str | None) -> list[str]:
    """Every artifact carries one version: the expected one when given."""
    versions = {a.path.name: a.version for a in artifacts}
    problems = [f"{name} has no version in its metadata" for name, v in versions.items() if not v]
    if len(set(versions.values())) > 1:
        problems.append(f"versions differ: {versions}")
    if expect is not None:
        problems += [
            f"{name} has version {v}, expected {expect}"
            for name, v in versions.items()
            if v != expect
        ]
    return problems


def find_one(dist: Path, pattern: str) -> Path:
    """The single file in ``dist`` matching ``pattern`` (SystemExit otherwise)."""
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"check_dist: expected one {pattern} in {dist}, found {len(found)}")
    return found[0]


def main(argv: list[str] | None = None) -> int:
    """Check DIST_DIR; print the problems or a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path)
    parser.add_argument("--source", type=Path, default=ROOT / PACKAGE)
    parser.add_argument("--expect-version", default=None)
    args = parser.parse_args(argv)
    wheel = read_wheel(find_one(args.dist, f"{DIST_NAME}-*.whl"))
    sdist = read_sdist(find_one(args.dist, f"{DIST_NAME}-*.tar.gz"))
    expected = source_files(args.source)
    problems = check_wheel(wheel, expected) + check_sdist(sdist, expected)
    problems += check_versions((wheel, sdist), args.expect_version)
    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    if problems:
        return 1
    size = wheel.path.stat().st_size / 1024
    print(
        f"check_dist: ok: {wheel.path.name} ({len(wheel.members)} files, {size:.0f} KiB) and "
        f"{sdist.path.name} ({len(sdist.members)} files), version {wheel.version}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
