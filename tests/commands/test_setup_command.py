"""`cookiescan browser` and `cookiescan setup`, without network: fake browsers and a fake npm."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from scanner.consent import autoconsent_setup
from scanner.consent.autoconsent import PACKAGE, VERSION, _candidates, cache_prefix
from scanner.consent.autoconsent_setup import (
    describe_autoconsent,
    npm_install_command,
    setup_autoconsent,
)
from scanner.crawl.browser.install import BrowserCheck, install_browser
from scanner.crawl.browser.locate import BrowserLocation
from scanner.errors import ExitCode

FAKE_CHROMIUM = """#!/bin/sh
echo "Chromium 150.0.7000.12 built on Debian"
"""
# A stand-in for npm: logs its arguments and lays out the package where --prefix says.
FAKE_NPM = """#!/bin/sh
echo "$@" >> "$NPM_LOG"
prefix=$3
pkg="$prefix/node_modules/@duckduckgo/autoconsent"
/bin/mkdir -p "$pkg/dist" "$pkg/rules"
echo '// content script' > "$pkg/dist/autoconsent.playwright.js"
echo '{"autoconsent": []}' > "$pkg/rules/rules.json"
echo '{"name": "@duckduckgo/autoconsent", "version": "%s"}' > "$pkg/package.json"
"""


def _executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    path.chmod(0o755)
    return path


def _cli(tmp_path: Path, *args: str, path: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with only ``path`` on PATH, no Playwright browsers and a cache in tmp."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("COOKIESCAN_")}
    base |= {
        "PATH": path,
        "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "no-playwright-browsers"),
        "COOKIESCAN_CACHE_DIR": str(tmp_path / "cache"),
        "HOME": str(tmp_path / "home"),
    } | env
    return subprocess.run(
        [sys.executable, "-m", "scanner", *args],
        cwd=tmp_path,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_browser_names_the_one_from_the_environment(tmp_path: Path) -> None:
    chromium = _executable(tmp_path / "opt" / "my-chromium", FAKE_CHROMIUM)
    done = _cli(tmp_path, "browser", path=str(tmp_path / "empty"), COOKIESCAN_BROWSER=str(chromium))
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first == f"browser: {chromium} (Chromium 150.0.7000.12; found via COOKIESCAN_BROWSER)"
    assert "autoconsent: " in done.stdout
    # A stand-in cannot be launched: the probe says so, and finding the browser still succeeds.
    assert "profile: not read (the probe failed: " in done.stdout
    assert "tells a site could still use: unknown" in done.stdout


def test_browser_install_keeps_the_one_it_finds(tmp_path: Path) -> None:
    chromium = _executable(tmp_path / "opt" / "chrome", FAKE_CHROMIUM)
    done = _cli(
        tmp_path, "browser", "--install", path=str(tmp_path / "empty"),
        COOKIESCAN_BROWSER=str(chromium),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"browser: {chromium} (Chromium 150.0.7000.12;")
    assert "trying" not in done.stdout  # nothing downloaded or installed


def test_browser_finds_a_system_chromium_on_path(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    _executable(bin_dir / "chromium-browser", FAKE_CHROMIUM)
    done = _cli(tmp_path, "browser", "--no-probe", path=str(bin_dir))
    assert done.returncode == 0, done.stderr
    assert "found via 'chromium-browser' on PATH" in done.stdout
    assert "profile:" not in done.stdout  # --no-probe: found, not launched


def test_browser_without_one_says_what_was_tried_and_how_to_get_one(tmp_path: Path) -> None:
    done = _cli(tmp_path, "browser", path=str(tmp_path / "empty"))
    assert done.returncode == ExitCode.SCAN_FAILED
    assert "Tried: Playwright's Chromium" in done.stdout
    assert "'google-chrome' on PATH" in done.stdout
    assert "sudo apt-get install chromium" in done.stdout and "cookiescan setup" in done.stdout
    assert "\nautoconsent: " in done.stdout


def test_browser_says_how_to_get_autoconsent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOKIESCAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(autoconsent_setup, "find_autoconsent", lambda: None)
    assert describe_autoconsent() == (
        "autoconsent: not installed (optional; `cookiescan setup` installs "
        f"@duckduckgo/autoconsent {VERSION} with npm into {tmp_path / 'autoconsent'})"
    )
    monkeypatch.setenv("COOKIESCAN_AUTOCONSENT", "off")
    assert describe_autoconsent() == "autoconsent: off (COOKIESCAN_AUTOCONSENT)"


def test_setup_installs_autoconsent_into_the_cache_with_npm(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    _executable(bin_dir / "npm", FAKE_NPM % VERSION)
    chromium = _executable(bin_dir / "chromium", FAKE_CHROMIUM)
    log = tmp_path / "npm.log"
    done = _cli(tmp_path, "setup", path=str(bin_dir), NPM_LOG=str(log))
    assert done.returncode == 0, done.stdout + done.stderr
    package = tmp_path / "cache" / "autoconsent" / PACKAGE
    assert f"setup: browser: {chromium} (Chromium 150.0.7000.12;" in done.stdout
    assert f"setup: autoconsent: installed @duckduckgo/autoconsent {VERSION} into {package}" in (
        done.stdout
    )
    assert log.read_text("utf-8").split() == npm_install_command("npm", package.parents[2])[1:]
    again = _cli(tmp_path, "setup", "--no-browser", path=str(bin_dir), NPM_LOG=str(log))
    assert f"already in {package}" in again.stdout
    assert len(log.read_text("utf-8").splitlines()) == 1  # npm ran once


def test_setup_without_npm_warns_and_still_succeeds(tmp_path: Path) -> None:
    done = _cli(tmp_path, "setup", "--no-browser", path=str(tmp_path / "empty"))
    assert done.returncode == 0, done.stderr
    assert "npm not found: the scanner uses the @duckduckgo/autoconsent" in done.stdout
    assert not (tmp_path / "cache" / "autoconsent" / PACKAGE).exists()


def test_autoconsent_is_looked_for_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOKIESCAN_CACHE_DIR", str(tmp_path))
    assert cache_prefix() == tmp_path / "autoconsent"
    assert _candidates()[-1] == tmp_path / "autoconsent" / PACKAGE
    site_packages = Path(sys.prefix)
    assert not cache_prefix().is_relative_to(site_packages)


def test_setup_autoconsent_reports_a_failed_npm(tmp_path: Path) -> None:
    ran: list[list[str]] = []

    def failing(command: Sequence[str], timeout: float) -> bool:
        ran.append(list(command))
        return False

    outcome = setup_autoconsent(failing, tmp_path / "prefix", npm="/usr/bin/npm")
    assert outcome.path is None and "could not install" in outcome.detail
    assert ran == [npm_install_command("/usr/bin/npm", tmp_path / "prefix")]
    assert f"@duckduckgo/autoconsent@{VERSION}" in ran[0] and "--ignore-scripts" in ran[0]


class FakeMachine:
    """Commands run by install_browser; a browser appears once ``provides`` has run."""

    def __init__(self, provides: str | None, succeeds: bool = True) -> None:
        self.provides, self.succeeds = provides, succeeds
        self.ran: list[str] = []
        self.installed = False

    def run(self, command: Sequence[str], timeout: float) -> bool:
        self.ran.append(" ".join(command[-3:]))
        if self.provides and self.provides in " ".join(command):
            self.installed = True
        return self.succeeds

    def check(self) -> BrowserCheck:
        if self.installed:
            return BrowserCheck(BrowserLocation("/usr/bin/chromium", "'chromium' on PATH"))
        return BrowserCheck(None, "no Chromium found. Tried: ...")


def test_install_browser_does_nothing_when_one_is_there() -> None:
    machine = FakeMachine(None)
    machine.installed = True
    assert install_browser(machine.check, machine.run, lambda _: None).location is not None
    assert machine.ran == []


def test_install_browser_tries_playwright_first() -> None:
    machine = FakeMachine("playwright install chromium")
    said: list[str] = []
    found = install_browser(machine.check, machine.run, said.append, root=True, apt_get="apt")
    assert found.location is not None
    assert machine.ran == ["playwright install chromium"]
    assert said == ["trying Playwright's own Chromium (python -m playwright install chromium)..."]


def test_install_browser_falls_back_to_apt_as_root() -> None:
    machine = FakeMachine("install -y -qq chromium-browser")
    found = install_browser(machine.check, machine.run, lambda _: None, root=True, apt_get="apt")
    assert found.location is not None
    assert machine.ran == [
        "playwright install chromium",
        "apt update -qq",
        "-y -qq chromium",
        "-y -qq chromium-browser",
    ]


def test_install_browser_never_uses_apt_unless_root() -> None:
    machine = FakeMachine("apt", succeeds=False)
    found = install_browser(machine.check, machine.run, lambda _: None, root=False, apt_get="apt")
    assert found.location is None and found.problem.startswith("no Chromium found")
    assert machine.ran == ["playwright install chromium"]


def _bundle(root: Path, rules: int, version: str) -> Path:
    """An autoconsent package with ``rules`` rules at ``version``."""
    (root / "dist").mkdir(parents=True)
    (root / "rules").mkdir()
    (root / "dist" / "autoconsent.playwright.js").write_text("// content script\n", "utf-8")
    listed = ",".join(f'{{"name": "cmp{i}"}}' for i in range(rules))
    (root / "rules" / "rules.json").write_text(f'{{"autoconsent": [{listed}]}}', "utf-8")
    (root / "package.json").write_text(f'{{"version": "{version}"}}', "utf-8")
    return root


def test_setup_says_which_consent_rule_sets_a_scan_has(tmp_path: Path) -> None:
    from scanner.consent.cmp_rules import load_cmp_rules

    bundle = _bundle(tmp_path / "pkg", rules=3, version=VERSION)
    args = ("setup", "--no-browser", "--no-autoconsent")
    done = _cli(tmp_path, *args, path="/usr/bin:/bin", COOKIESCAN_AUTOCONSENT=str(bundle))
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if "consent rule set" in line]
    own = len(load_cmp_rules())
    assert lines == [
        f"setup: consent rule set: cookiescan CMP rules: {own} consent managers (cmp_rules.yaml)",
        f"setup: consent rule set: autoconsent rules: 3 rules, @duckduckgo/autoconsent {VERSION}, "
        f"installed in {bundle}",
    ]
    off = _cli(tmp_path, *args, path="/usr/bin:/bin", COOKIESCAN_AUTOCONSENT="off")
    assert "autoconsent rules: off (COOKIESCAN_AUTOCONSENT)" in off.stdout
