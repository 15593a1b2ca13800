"""Consent signals a page emits: TCF purposes, Google Consent Mode (dataLayer, gcs/gcd)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.async_api import Error, Page

Signals = list[tuple[str, str]]
SCRIPT = "\n".join(
    line
    for line in resources.files("scanner.consent").joinpath("signals.js").read_text().splitlines()
    if not line.startswith("//")
)
GCS = re.compile(r"^G1[01-][01-]$")
GCD_KEYS = ("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization")
# gcd letters (one per signal at positions 2, 4, 6, 8): the final state each one means.
GCD_GRANTED = frozenset("tvrn")
GCD_DENIED = frozenset("pqmu")


async def read_page_signals(page: Page, when: str) -> Signals:
    """TCF purposes and dataLayer Consent Mode state, keyed ``tcf.<when>.*`` / ``gcm.<when>.*``."""
    try:
        data: dict[str, Any] = await page.main_frame.evaluate(SCRIPT)
    except Error:
        return []
    out: Signals = []
    tcf = data.get("tcf")
    if isinstance(tcf, dict):
        purposes = sorted({int(p) for p in tcf.get("purposes") or []})
        out.append((f"tcf.{when}.purposes", ",".join(map(str, purposes)) or "none"))
        status = str(tcf.get("status", ""))
        if re.fullmatch(r"[a-z]{1,20}", status):
            out.append((f"tcf.{when}.status", status))
    for key, value in (data.get("gcm") or {}).items():
        if key in GCD_KEYS and value in ("granted", "denied"):
            out.append((f"gcm.{when}.{key}", str(value)))
    return out


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
