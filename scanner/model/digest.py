"""The per-scan keyed digest that stands in for a cookie or secret value everywhere it is shown,
and the replacement of such values wherever a site copied them (a visitor id in a URL)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable
from urllib.parse import quote, quote_plus

MIN_SECRET = 6  # shorter values ("1", "true", "en") are too common to be told apart in text


def keyed_digest(key: bytes, value: str) -> str:
    """Shows a change without revealing or confirming the value (HMAC-SHA256, 16 hex digits)."""
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]


def searched_secrets(values: Iterable[str]) -> list[str]:
    """The values worth looking for in text, longest first (so a value inside another is not
    replaced first)."""
    return sorted({v for v in values if len(v) >= MIN_SECRET}, key=len, reverse=True)


def replace_secrets(text: str, secrets: Iterable[str], digest: Callable[[str], str]) -> str:
    """``text`` with every occurrence of a secret (raw or URL-encoded) replaced by its digest;
    ``secrets`` as ``searched_secrets`` gives them."""
    for secret in secrets:
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            if form in text:
                text = text.replace(form, digest(secret))
    return text
