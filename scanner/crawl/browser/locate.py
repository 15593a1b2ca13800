"""Finding a Chromium executable and its version (no Playwright needed)."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import BrowserNotFoundError

SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER_ENV = "COOKIESCAN_BROWSER"
FALLBACK_MAJOR = "140"


@dataclass(frozen=True, slots=True)
class BrowserLocation:
    """A Chromium executable and how it was found."""

    path: str
    how: str


def find_browser(explicit: str | None, playwright_path: str | None) -> BrowserLocation:
    """Resolve the browser: flag/env, Playwright's Chromium, then system browsers on PATH."""
    tried: list[str] = []
    candidates = [(explicit, "--browser-path"), (os.environ.get(BROWSER_ENV), BROWSER_ENV)]
    for value, how in candidates:
        if value:
            resolved = shutil.which(value) or (value if Path(value).is_file() else None)
            if resolved and os.access(resolved, os.X_OK):
                return BrowserLocation(resolved, how)
            raise BrowserNotFoundError(f"{how} names '{value}', which is not an executable file")
    if playwright_path:
        if Path(playwright_path).is_file():
            return BrowserLocation(playwright_path, "Playwright's Chromium")
        tried.append(f"Playwright's Chromium ({playwright_path}: not installed)")
    for name in SYSTEM_BROWSERS:
        found = shutil.which(name)
        if found:
            return BrowserLocation(found, f"'{name}' on PATH")
        tried.append(f"'{name}' on PATH")
    raise BrowserNotFoundError(
        "no Chromium found. Tried: " + "; ".join(tried) + ". Install one (Debian/Ubuntu: "
        "'apt-get install chromium'; or 'playwright install chromium' where downloads work), "
        f"or point --browser-path / {BROWSER_ENV} at a Chromium or Chrome executable."
    )


@functools.cache
def browser_version(executable: str) -> str:
    """The version the executable reports, e.g. '156.0.8078.73' ('' when unknown); asked once
    per executable and run (every site of --sites uses it)."""
    try:
        out = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    match = re.search(r"(\d+\.\d+\.\d+\.\d+)", out)
    return match.group(1) if match else ""


def default_user_agent(version: str) -> str:
    """A normal desktop Chrome user agent for this browser version (no 'Headless')."""
    major = version.split(".")[0] if version else FALLBACK_MAJOR
    return (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{major}.0.0.0 Safari/537.36"
    )
