"""The visitor a site sees: one user agent, client hints and platform for pages, iframes and
workers alike (DevTools overrides sent to each target before its first line runs)."""

from __future__ import annotations

import re
from typing import Any

from scanner.crawl.options import BrowserOptions

Command = tuple[str, dict[str, Any]]

# Chromium's GREASE brand (components/embedder_support/user_agent_utils.cc): characters and
# versions picked by the major version, so the list matches what the browser itself sends.
_GREASE_CHARS = (" ", "(", ":", "-", ".", "/", ")", ";", "=", "?", "_")
_GREASE_VERSIONS = ("8", "99", "24")
# UA token -> (client-hint platform, navigator.platform)
_PLATFORMS = (
    ("Windows NT", "Windows", "Win32"),
    ("Mac OS X", "macOS", "MacIntel"),
    ("Android", "Android", "Linux armv8l"),
    ("CrOS", "Chrome OS", "Linux x86_64"),
)


def brand_list(major: str, full: str) -> list[dict[str, str]]:
    """The brands Chromium ``major`` announces (``full``: versions as in fullVersionList)."""
    seed = int(major) if major.isdigit() else 0
    size = len(_GREASE_CHARS)
    grease = f"Not{_GREASE_CHARS[seed % size]}A{_GREASE_CHARS[(seed + 1) % size]}Brand"
    grease_version = _GREASE_VERSIONS[seed % 3]
    if full:
        grease_version += ".0.0.0"
    brands = [{"brand": "Chromium", "version": full or major}]
    entry = {"brand": grease, "version": grease_version}
    return [entry, *brands] if seed % 2 == 0 else [*brands, entry]


def platforms(user_agent: str) -> tuple[str, str]:
    """(client-hint platform, navigator.platform) that agree with ``user_agent``."""
    for token, hint, navigator in _PLATFORMS:
        if token in user_agent:
            return hint, navigator
    return "Linux", "Linux x86_64"


def user_agent_override(user_agent: str, version: str, locale: str) -> dict[str, Any]:
    """``setUserAgentOverride`` parameters: the UA, the matching client hints, the platform."""
    match = re.search(r"Chrome/(\d+)", user_agent)
    major = match.group(1) if match else version.split(".")[0]
    full = version if version.split(".")[0] == major else f"{major}.0.0.0"
    hint, navigator_platform = platforms(user_agent)
    metadata = {
        "brands": brand_list(major, ""),
        "fullVersionList": brand_list(major, full),
        "fullVersion": full,
        "platform": hint,
        "platformVersion": "",
        "architecture": "x86" if hint != "Android" else "arm",
        "model": "",
        "mobile": "Mobile" in user_agent,
        "bitness": "64",
        "wow64": False,
    }
    return {
        "userAgent": user_agent,
        "acceptLanguage": locale,
        "platform": navigator_platform,
        "userAgentMetadata": metadata,
    }


def frame_commands(user_agent: str | None, version: str, locale: str) -> tuple[Command, ...]:
    """What a page or an iframe's target gets (none without a user agent to present)."""
    if not user_agent:
        return ()
    return (("Emulation.setUserAgentOverride", user_agent_override(user_agent, version, locale)),)


def worker_commands(user_agent: str | None, version: str, locale: str) -> tuple[Command, ...]:
    """What a worker's target gets: workers have no Emulation domain, Network carries it."""
    if not user_agent:
        return ()
    return (("Network.setUserAgentOverride", user_agent_override(user_agent, version, locale)),)


Identity = tuple[tuple[Command, ...], tuple[Command, ...]]  # (pages and iframes, workers)


def visitor_identity(options: BrowserOptions) -> Identity:
    """The commands that present ``options``' visitor to every page, iframe and worker."""
    args = (options.user_agent, options.browser_version, options.locale)
    return frame_commands(*args), worker_commands(*args)
