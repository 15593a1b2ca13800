"""Getting a Chromium: Playwright's own download, else the system package as root, else advice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from scanner.crawl.browser.locate import BROWSER_ENV, BrowserLocation, browser_version, find_browser
from scanner.errors import BrowserNotFoundError

PLAYWRIGHT_TIMEOUT_S = 300.0
APT_TIMEOUT_S = 600.0
APT_PACKAGES = ("chromium", "chromium-browser")
HOW_TO_GET_ONE = f"""Install one of:
  - Debian/Ubuntu:  sudo apt-get install chromium        (or chromium-browser)
  - Fedora:         sudo dnf install chromium
  - macOS:          brew install --cask chromium
  - anywhere with downloads allowed:  cookiescan setup   (Playwright's own Chromium)
or point --browser-path or {BROWSER_ENV} at a Chromium or Chrome executable."""

Run = Callable[[Sequence[str], float], bool]
"""Run a command within a timeout; True when it exited 0."""
Say = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BrowserCheck:
    """The browser a scan would use, or why there is none."""

    location: BrowserLocation | None
    problem: str = ""


def playwright_chromium_path() -> str | None:
    """Where Playwright's own Chromium would be (it may not be installed)."""
    try:
        with sync_playwright() as playwright:
            return playwright.chromium.executable_path or None
    except PlaywrightError:
        return None


def check_browser(explicit: str | None = None) -> BrowserCheck:
    """Resolve the browser as a scan would, without raising."""
    try:
        return BrowserCheck(find_browser(explicit, playwright_chromium_path()))
    except BrowserNotFoundError as e:
        return BrowserCheck(None, str(e))


def run_quietly(command: Sequence[str], timeout: float) -> bool:
    """Run ``command`` with its output discarded; True when it exited 0 in time."""
    try:
        done = subprocess.run(
            list(command),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def is_root() -> bool:
    """Whether this process runs as root (apt-get may be used)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def install_browser(
    check: Callable[[], BrowserCheck] = check_browser,
    run: Run = run_quietly,
    say: Say = print,
    *,
    root: bool | None = None,
    apt_get: str | None = None,
) -> BrowserCheck:
    """Make sure a Chromium is available, as ``make browser`` does; say each step.

    Tried in order, stopping at the first that yields a browser: the one already found,
    Playwright's download, then ``apt-get install chromium`` (or ``chromium-browser``) when
    running as root where apt-get exists. ``run``, ``root`` and ``apt_get`` are for tests.
    """
    found = check()
    if found.location is not None:
        return found
    say("trying Playwright's own Chromium (python -m playwright install chromium)...")
    if run([sys.executable, "-m", "playwright", "install", "chromium"], PLAYWRIGHT_TIMEOUT_S):
        found = check()
        if found.location is not None:
            return found
    say("Playwright's download is not available here.")
    apt = apt_get if apt_get is not None else shutil.which("apt-get")
    if apt and (is_root() if root is None else root):
        return _apt_install(apt, check, run, say) or found
    return found


def _apt_install(
    apt: str, check: Callable[[], BrowserCheck], run: Run, say: Say
) -> BrowserCheck | None:
    """The system package through apt-get (as root); None when it yields no browser."""
    run([apt, "update", "-qq"], APT_TIMEOUT_S)
    for package in APT_PACKAGES:
        say(f"trying the system package: apt-get install -y {package}...")
        if run([apt, "install", "-y", "-qq", package], APT_TIMEOUT_S):
            found = check()
            if found.location is not None:
                return found
    say("apt-get could not install a Chromium.")
    return None


def describe_browser(found: BrowserCheck) -> str:
    """One line: the browser, its version and how it was found; or what was tried."""
    if found.location is None:
        return f"browser: {found.problem or 'no Chromium found'}"
    version = browser_version(found.location.path) or "unknown version"
    return f"browser: {found.location.path} (Chromium {version}; found via {found.location.how})"
