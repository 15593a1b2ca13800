"""The vendored consent managers match their pins in tests/cmp-packages/package.json."""

from __future__ import annotations

import json
import re

import pytest
from vendored_cmps import PACKAGES, PINS, VENDORED

MODULES = PINS.parent / "node_modules"
LICENCES = ("LICENSE", "licence")


def _listed(package: str) -> set[str]:
    """The files the package's README says were copied from npm."""
    readme = (VENDORED / package / "README.md").read_text("utf-8")
    return set(re.findall(r"^- `([^`]+)`", readme, re.MULTILINE))


def test_every_vendored_package_is_served() -> None:
    assert sorted(p.name for p in VENDORED.iterdir() if p.is_dir()) == sorted(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_vendored_version_is_the_pinned_one(package: str) -> None:
    pins = json.loads(PINS.read_text("utf-8"))["dependencies"]
    vendored = json.loads((VENDORED / package / "package.json").read_text("utf-8"))
    assert vendored["name"] == package
    assert vendored["version"] == pins[package], "re-vendor after changing the pin (README.md)"
    readme = (VENDORED / package / "README.md").read_text("utf-8")
    assert f"`{package}@{vendored['version']}`" in readme


@pytest.mark.parametrize("package", PACKAGES)
def test_vendored_files_are_listed_with_their_licence(package: str) -> None:
    folder = VENDORED / package
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    licence = [name for name in LICENCES if name in files]
    assert len(licence) == 1
    assert files - {"README.md", *licence} == _listed(package)


@pytest.mark.parametrize("package", PACKAGES)
def test_vendored_files_are_unchanged_from_npm(package: str) -> None:
    """Byte for byte the files of the installed pin (when `make cmp-fixtures` has run)."""
    if not (MODULES / package / "package.json").is_file():
        pytest.skip(f"npm package {package} not installed: run 'make cmp-fixtures'")
    folder = VENDORED / package
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "README.md":
            name = path.relative_to(folder)
            assert path.read_bytes() == (MODULES / package / name).read_bytes(), name
