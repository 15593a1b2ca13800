"""The per-scan keyed digest that stands in for a cookie or secret value everywhere it is shown."""

from __future__ import annotations

import hashlib
import hmac


def keyed_digest(key: bytes, value: str) -> str:
    """Shows a change without revealing or confirming the value (HMAC-SHA256, 16 hex digits)."""
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]
