"""Consent signals in requests: Google Consent Mode gcs / gcd parameters (no browser needed)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

Signals = list[tuple[str, str]]
GCS = re.compile(r"^G1[01-][01-]$")
GCD_KEYS = ("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization")
# gcd letters (one per signal at positions 2, 4, 6, 8): the final state each one means.
GCD_GRANTED = frozenset("tvrn")
GCD_DENIED = frozenset("pqmu")


def gcd_states(gcd: str) -> dict[str, str]:
    """Final granted/denied state per Consent Mode signal encoded in a ``gcd`` parameter."""
    states: dict[str, str] = {}
    for key, letter in zip(GCD_KEYS, gcd[2:9:2], strict=False):
        if letter in GCD_GRANTED:
            states[key] = "granted"
        elif letter in GCD_DENIED:
            states[key] = "denied"
    return states


def request_signals(requests: Iterable[tuple[float, str]], acted_at: float | None) -> Signals:
    """The last ``gcs`` / ``gcd`` seen on requests before and after the consent action."""
    last: dict[str, str] = {}
    for at, url in sorted(requests):
        when = "after" if acted_at is not None and at >= acted_at else "before"
        query = parse_qs(urlsplit(url).query)
        gcs = (query.get("gcs") or [""])[-1]
        if GCS.match(gcs):
            last[f"gcs.{when}"] = gcs
        gcd = (query.get("gcd") or [""])[-1]
        if re.fullmatch(r"[0-9a-z]{9,20}", gcd):
            for key, value in gcd_states(gcd).items():
                last[f"gcd.{when}.{key}"] = value
    return sorted(last.items())


def gcs_granted(gcs: str) -> bool:
    """Whether a ``gcs`` value says ad or analytics storage is granted."""
    return "1" in gcs[2:4]
