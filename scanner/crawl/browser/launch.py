"""Launching Chromium on a fresh, realistic visitor profile, and the options of its contexts."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext, Playwright
from playwright.async_api import HttpCredentials as PlaywrightCredentials

from scanner.crawl.browser.har import har_options
from scanner.crawl.options import BrowserOptions, HttpCredentials

QUIET_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-blink-features=AutomationControlled",
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
    if options.ignore_https_errors:
        # Playwright's own setting does not cover service-worker scripts; Chromium's does.
        args.append("--ignore-certificate-errors")
    args.extend(options.extra_args)
    return args


def launch_key(options: BrowserOptions) -> tuple[object, ...]:
    """What a launch depends on: states whose keys are equal can share one browser."""
    return (
        options.executable,
        options.headless,
        options.block_third_party_cookies,
        tuple(launch_args(options)),
    )


def context_args(options: BrowserOptions) -> dict[str, Any]:
    """The per-visitor options of a context (user agent, locale, viewport, headers, auth)."""
    width, height = options.viewport
    return {
        "ignore_https_errors": options.ignore_https_errors,
        "user_agent": options.user_agent,
        "locale": options.locale,
        "viewport": {"width": width, "height": height},
        "http_credentials": _credentials(options.http_credentials),
        "extra_http_headers": dict(options.extra_headers) or None,
        **har_options(options.har_path),
    }


async def launch_profile(
    playwright: Playwright, options: BrowserOptions, user_data_dir: Path
) -> BrowserContext:
    """Launch Chromium on a fresh persistent profile; its default context, set up for a visitor.

    The profile's preferences also govern every ``new_context()`` of this browser: contexts
    made there keep third-party cookies as its default context does (shared_browser.py).
    """
    write_profile(user_data_dir, options.block_third_party_cookies)
    context = await playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=options.executable,
        headless=options.headless,
        args=launch_args(options),
        ignore_default_args=["--enable-automation"],
        **context_args(options),
    )
    if options.storage_state:  # a signed-in visitor (--storage-state)
        await context.set_storage_state(options.storage_state)
    return context


def _credentials(credentials: HttpCredentials | None) -> PlaywrightCredentials | None:
    """Playwright's form of the credentials, sent only to their origin."""
    if credentials is None:
        return None
    return {
        "username": credentials.username,
        "password": credentials.password,
        "origin": credentials.origin,
    }
