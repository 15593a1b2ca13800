"""Read a cookie policy from a file or an http(s) URL and turn it into a ``Policy``."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from scanner import __version__
from scanner.errors import ConfigError
from scanner.knowledge import KnowledgeBase
from scanner.policy.html import cookies_in_html
from scanner.policy.model import Policy, unique
from scanner.policy.text import cookies_in_text

TIMEOUT = 20.0
MAX_BYTES = 8 * 1024 * 1024
_HTML = re.compile(r"<\s*(html|body|table|p|div|ul|li|h[1-6])\b", re.IGNORECASE)


def is_url(location: str) -> bool:
    """Whether a policy location is an http(s) URL rather than a file."""
    return urlsplit(location).scheme in ("http", "https")


def fetch(url: str, timeout: float = TIMEOUT) -> str:
    """Download a policy page; network failures become ``ConfigError``."""
    request = urllib.request.Request(url, headers={"User-Agent": f"cookiescan/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read(MAX_BYTES)
            charset = response.headers.get_content_charset() or "utf-8"
    except (OSError, ValueError) as e:
        raise ConfigError(f"cannot fetch the policy: {e}", location=url) from e
    return body.decode(charset, errors="replace")


def read_source(location: str, timeout: float = TIMEOUT) -> str:
    """The text of a policy file or URL."""
    if is_url(location):
        return fetch(location, timeout)
    try:
        return Path(location).read_text(encoding="utf-8-sig", errors="replace")
    except OSError as e:
        raise ConfigError(f"cannot read the policy: {e.strerror or e}", location=location) from e


def parse_policy(text: str, source: str, kb: KnowledgeBase | None = None) -> Policy:
    """The cookies a policy lists, from HTML (when it looks like HTML) or plain text."""
    found = cookies_in_html(text, kb) if _HTML.search(text) else cookies_in_text(text, kb)
    return Policy(source, unique(found))


def load_policy(location: str, kb: KnowledgeBase | None = None) -> Policy:
    """Read and parse a policy file or URL."""
    return parse_policy(read_source(location), location, kb)
