"""Reading the consent signals a page holds: TCF purposes and the Consent Mode dataLayer."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from playwright.async_api import Error, Page

from scanner.consent.signal_codes import GCD_KEYS, Signals

SCRIPT = "\n".join(
    line
    for line in resources.files("scanner.consent").joinpath("signals.js").read_text().splitlines()
    if not line.startswith("//")
)


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
