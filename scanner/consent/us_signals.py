"""Reading the US privacy signals a page exposes: GPC, the US Privacy string and GPP."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from playwright.async_api import Error, Page

from scanner.consent.signal_codes import Signals

SCRIPT = "\n".join(
    line
    for line in resources.files("scanner.consent")
    .joinpath("us_signals.js")
    .read_text()
    .splitlines()
    if not line.startswith("//")
)
_USP = re.compile(r"^1[YN-]{3}$")
_GPP = re.compile(r"^[A-Za-z0-9_~.-]{1,400}$")
USNAT_FIELDS = ("SaleOptOut", "SharingOptOut", "TargetedAdvertisingOptOut", "Gpc")


async def read_us_signals(page: Page) -> Signals:
    """``gpc.navigator``, ``usp.*`` (CCPA US Privacy string) and ``gpp.*`` signals of a page."""
    try:
        data: dict[str, Any] = await page.main_frame.evaluate(SCRIPT)
    except Error:
        return []
    return us_signals_of(data)


def us_signals_of(data: dict[str, Any]) -> Signals:
    """Validate what the page returned (it controls it) into signal pairs."""
    out: Signals = [("gpc.navigator", "true" if data.get("gpc") is True else "false")]
    usp = data.get("usp")
    if isinstance(usp, str) and _USP.match(usp):
        out += [("usp.string", usp), ("usp.opt_out_sale", usp[2])]
    gpp = data.get("gpp")
    if isinstance(gpp, dict):
        text = gpp.get("string")
        if isinstance(text, str) and _GPP.match(text):
            out.append(("gpp.string", text))
        sections = [s for s in gpp.get("applicable") or [] if type(s) is int and -1 <= s < 100]
        out.append(("gpp.applicable", ",".join(map(str, sections)) or "none"))
        usnat = gpp.get("usnat")
        usnat = usnat if isinstance(usnat, dict) else {}
        for key in USNAT_FIELDS:
            value = usnat.get(key)
            if type(value) in (int, bool):
                out.append((f"gpp.usnat.{key}", str(value).lower()))
    return out
