"""The layering contract: every module imports on its own, the root holds only the entry,
the shared records and the errors, and light commands never load the browser stack."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from samples import realistic_scan

import scanner
from scanner.report.formats import json_report

ROOT_MODULES = {"__init__.py", "__main__.py", "cli.py", "errors.py"}
PACKAGE = Path(scanner.__file__).parent


def _modules() -> list[str]:
    found = pkgutil.walk_packages([str(PACKAGE)], prefix="scanner.")
    skip = ("scanner.demo.site", "scanner.__main__")  # __main__ runs the CLI when imported
    return sorted(m.name for m in found if not m.name.startswith(skip))


def test_the_package_root_holds_only_the_entry_records_and_errors() -> None:
    files = {p.name for p in PACKAGE.glob("*.py")}
    assert files == ROOT_MODULES
    assert (PACKAGE / "model" / "__init__.py").is_file()


@pytest.mark.timeout(1200)  # ~250 fresh interpreters: minutes on a busy 2-core machine
def test_every_module_imports_on_its_own_in_a_fresh_interpreter() -> None:
    """A cycle cannot hide behind the order in which other modules happened to load."""
    modules = _modules()
    assert len(modules) > 80
    script = (
        "import subprocess, sys\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "def load(name):\n"
        "    run = subprocess.run([sys.executable, '-c', f'import {name}'],\n"
        "                         capture_output=True, text=True)\n"
        "    return name + ': ' + run.stderr.strip().splitlines()[-1] if run.returncode else ''\n"
        "with ThreadPoolExecutor(2) as pool:\n"
        "    failed = [f for f in pool.map(load, sys.argv[1:]) if f]\n"
        "print('\\n'.join(failed))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *modules], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def _loads_playwright(argv: list[str]) -> bool:
    """Run the CLI with ``argv`` in a fresh interpreter; whether Playwright got imported."""
    code = (
        "import sys\n"
        "from scanner.cli import main\n"
        f"main({argv!r})\n"
        "print('playwright' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1] == "True"


def test_light_commands_do_not_load_playwright(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text(json_report.render(realistic_scan()), encoding="utf-8")
    assert not _loads_playwright(["explain", "_ga"])
    assert not _loads_playwright(["diff", str(report), str(report)])
    assert not _loads_playwright(["scan", "--help"])
    policy, declared = tmp_path / "policy.html", tmp_path / "expected_cookies.yaml"
    policy.write_text("<table><tr><td>_ga</td><td>Analytics</td></tr></table>", encoding="utf-8")
    declared.write_text("cookies:\n  - name: _ga\n    category: analytics\n", encoding="utf-8")
    check = ["check-policy", "--policy", str(policy), "--declared", str(declared)]
    assert not _loads_playwright(check)
