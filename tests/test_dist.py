"""Releases: the version comes from the package metadata; check_dist.py catches bad builds."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import scanner
from scanner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scanner"
VERSION = "1.2.3"


def _check_dist() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_dist", ROOT / "scripts" / "check_dist.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


check_dist = _check_dist()


def _package_files() -> dict[str, bytes]:
    """The source package as it should ship: every file but caches."""
    return {
        member: (SOURCE / Path(member).relative_to("scanner")).read_bytes()
        for member in sorted(check_dist.source_files(SOURCE))
    }


def _build(
    dist: Path, edit: Callable[[dict[str, bytes]], None] = lambda _: None, version: str = VERSION
) -> Path:
    """A fake wheel and sdist in ``dist`` holding the real package files, edited by ``edit``."""
    files = _package_files()
    edit(files)
    info = f"cookiescan-{version}.dist-info"
    metadata = f"Metadata-Version: 2.4\nName: cookiescan\nVersion: {version}\n".encode()
    dist.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dist / f"cookiescan-{version}-py3-none-any.whl", "w") as wheel:
        for name, data in files.items():
            wheel.writestr(name, data)
        wheel.writestr(f"{info}/METADATA", metadata)
        wheel.writestr(
            f"{info}/entry_points.txt", b"[console_scripts]\n" + b"cookiescan = scanner.cli:main\n"
        )
        wheel.writestr(f"{info}/licenses/LICENSE", b"Apache-2.0")
    project = {name: b"x" for name in ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE")}
    with tarfile.open(dist / f"cookiescan-{version}.tar.gz", "w:gz") as sdist:
        for name, data in {**files, **project, "PKG-INFO": metadata}.items():
            member = tarfile.TarInfo(f"cookiescan-{version}/{name}")
            member.size = len(data)
            sdist.addfile(member, io.BytesIO(data))
    return dist


def _run(dist: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = check_dist.main([str(dist), "--source", str(SOURCE), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_complete_build_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(_build(tmp_path), capsys, "--expect-version", VERSION)
    assert code == 0, out
    assert out.startswith(f"check_dist: ok: cookiescan-{VERSION}-py3-none-any.whl")


def test_a_missing_data_file_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def drop(files: dict[str, bytes]) -> None:
        del files["scanner/report/schema/report.schema.json"]
        del files["scanner/demo/site/www.demo-shop.test/products/widget.html"]

    code, out = _run(_build(tmp_path, drop), capsys)
    assert code == 1
    assert "wheel lacks scanner/report/schema/report.schema.json" in out
    assert "wheel lacks essential scanner/report/schema/report.schema.json" in out
    assert "wheel lacks scanner/demo/site/www.demo-shop.test/products/widget.html" in out
    assert "sdist lacks scanner/report/schema/report.schema.json" in out


def test_tests_and_caches_must_not_ship(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def litter(files: dict[str, bytes]) -> None:
        files["tests/test_cli.py"] = b""
        files["scanner/__pycache__/cli.cpython-311.pyc"] = b""
        files["scanner/.cookiescan/node_modules/x.js"] = b""
        files["conftest.py"] = b""

    code, out = _run(_build(tmp_path, litter), capsys)
    assert code == 1
    for member in ("tests/test_cli.py", "scanner/__pycache__/cli.cpython-311.pyc",
                   "scanner/.cookiescan/node_modules/x.js"):  # fmt: skip
        assert f"wheel must not ship {member}" in out
    assert "wheel has conftest.py outside the scanner package" in out
    assert "sdist must not ship scanner/__pycache__/cli.cpython-311.pyc" in out
    assert "sdist must not ship tests/test_cli.py" not in out  # the sdist may carry tests


def test_the_version_must_be_the_tags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(_build(tmp_path, version="1.2.4.dev3"), capsys, "--expect-version", VERSION)
    assert code == 1
    assert f"has version 1.2.4.dev3, expected {VERSION}" in out


def test_the_version_comes_from_the_package_metadata() -> None:
    assert scanner.__version__ == importlib.metadata.version("cookiescan")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert "setuptools-scm>=8" in pyproject["build-system"]["requires"]
    assert pyproject["tool"]["setuptools_scm"]["fallback_version"] == scanner.UNKNOWN_VERSION
    assert {"build", "twine"} <= {
        req.split(">")[0].split("<")[0]
        for req in pyproject["project"]["optional-dependencies"]["test"]
    }


def test_version_flag_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"cookiescan {scanner.__version__}\n"


def test_an_uninstalled_source_tree_has_the_fallback_version() -> None:
    code = (
        "import importlib.metadata as m\n"
        "def missing(name): raise m.PackageNotFoundError(name)\n"
        "m.version = missing\n"
        "import scanner; print(scanner.__version__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0.0.0+unknown"


def test_make_dist_check_runs_the_shared_script() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    target = makefile.split("\ndist-check:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/dist-check.sh" in target
    script = (ROOT / "scripts" / "dist-check.sh").read_text("utf-8")
    for step in ("-m build", "-m twine check", "scripts/check_dist.py", "-m venv",
                 '--version', "demo --out"):  # fmt: skip
        assert step in script, step
    assert (
        "\ntest:" in makefile and "dist-check" not in makefile.split("\ntest:", 1)[1].split("\n")[0]
    )
