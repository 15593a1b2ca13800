"""Finding a Chromium and launching it as a fresh, realistic visitor profile."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import BrowserContext, Playwright
from playwright.async_api import HttpCredentials as PlaywrightCredentials

from scanner.errors import BrowserNotFoundError

SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER_ENV = "COOKIESCAN_BROWSER"
QUIET_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-blink-features=AutomationControlled",
)
FALLBACK_MAJOR = "140"


@dataclass(frozen=True, slots=True)
class BrowserLocation:
    """A Chromium executable and how it was found."""

    path: str
    how: str


@dataclass(frozen=True, slots=True)
class HttpCredentials:
    """HTTP basic auth for one origin (a staging host); the password never shows in a repr.

    ``source`` names the environment variable it was read from, for reports.
    """

    username: str
    password: str = field(repr=False)
    origin: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class BrowserOptions:
    """How each consent state's browser is launched."""

    executable: str
    headless: bool = True
    block_third_party_cookies: bool = False
    user_agent: str | None = None
    locale: str = "en-US"
    viewport: tuple[int, int] = (1366, 768)
    resolve: tuple[str, ...] = ()
    ignore_https_errors: bool = False
    extra_args: tuple[str, ...] = field(default=())
    http_credentials: HttpCredentials | None = None
    extra_headers: tuple[tuple[str, str], ...] = ()


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


def browser_version(executable: str) -> str:
    """The version the executable reports, e.g. '156.0.8078.73' ('' when unknown)."""
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


def resolver_rules(resolve: tuple[str, ...]) -> str:
    """Chromium host resolver rules from HOST=IP entries (globs allowed in HOST)."""
    rules = []
    for entry in resolve:
        host, _, ip = entry.partition("=")
        rules.append(f"MAP {host.strip()} {ip.strip()}")
    return ", ".join(rules)


def write_profile(user_data_dir: Path, block_third_party_cookies: bool) -> None:
    """Seed a fresh profile whose cookie settings match a default (or blocking) Chrome user."""
    default = user_data_dir / "Default"
    default.mkdir(parents=True, exist_ok=True)
    prefs = {
        "profile": {
            "cookie_controls_mode": 1 if block_third_party_cookies else 0,
            "block_third_party_cookies": block_third_party_cookies,
        }
    }
    (default / "Preferences").write_text(json.dumps(prefs), encoding="utf-8")


def launch_args(options: BrowserOptions) -> list[str]:
    """Command-line switches for one launch."""
    args = list(QUIET_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    if options.resolve:
        args.append(f"--host-resolver-rules={resolver_rules(options.resolve)}")
    args.extend(options.extra_args)
    return args


async def launch_profile(
    playwright: Playwright, options: BrowserOptions, user_data_dir: Path
) -> BrowserContext:
    """Launch a fresh persistent profile: one consent state's browser."""
    write_profile(user_data_dir, options.block_third_party_cookies)
    width, height = options.viewport
    return await playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=options.executable,
        headless=options.headless,
        args=launch_args(options),
        ignore_default_args=["--enable-automation"],
        ignore_https_errors=options.ignore_https_errors,
        user_agent=options.user_agent,
        locale=options.locale,
        viewport={"width": width, "height": height},
        http_credentials=_credentials(options.http_credentials),
        extra_http_headers=dict(options.extra_headers) or None,
    )


def _credentials(credentials: HttpCredentials | None) -> PlaywrightCredentials | None:
    """Playwright's form of the credentials, sent only to their origin."""
    if credentials is None:
        return None
    return {
        "username": credentials.username,
        "password": credentials.password,
        "origin": credentials.origin,
    }
