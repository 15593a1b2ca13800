"""Calls to fingerprinting-relevant browser APIs, as reported by the ``apis.js`` init script."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

API_BINDING = "__cookiescan_api"
API_SCRIPT = resources.files("scanner.crawl").joinpath("apis.js").read_text(encoding="utf-8")
_MAX_DETAIL = 4000


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One distinct call: the API, the calling script and what it was called with."""

    api: str
    script: str
    detail: tuple[tuple[str, Any], ...]
    frame_url: str
    at: float

    def get(self, key: str, default: Any = None) -> Any:
        """One detail value."""
        return next((value for name, value in self.detail if name == key), default)


def api_call_of(
    api: object, caller: object, detail: object, href: object, at_ms: object
) -> ApiCall:
    """Validate the binding's arguments (the page controls them) into an ``ApiCall``."""
    try:
        parsed = json.loads(str(detail)[:_MAX_DETAIL])
    except ValueError:
        parsed = {}
    items = tuple(sorted(parsed.items())) if isinstance(parsed, dict) else ()
    try:
        at = float(str(at_ms)) / 1000.0
    except ValueError:
        at = 0.0
    return ApiCall(str(api)[:64], str(caller)[:2000], items, str(href)[:2000], at)
