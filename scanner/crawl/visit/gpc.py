"""The GPC states' evidence: the site's /.well-known/gpc.json and its US privacy signals."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from playwright.async_api import Error, Page

from scanner.consent.us_signals import read_us_signals
from scanner.model import ConsentEvidence, ConsentState

WELL_KNOWN = "/.well-known/gpc.json"
DETAIL = "Sec-GPC: 1 on every request, navigator.globalPrivacyControl = true; no banner action"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FETCH = """async (path) => {
  try {
    const r = await fetch(path, { credentials: "omit", cache: "no-store", redirect: "follow" });
    return { status: r.status, text: (await r.text()).slice(0, 4000) };
  } catch (e) { return { status: 0, text: "" }; }
}"""


async def gpc_evidence(page: Page, chosen: ConsentEvidence | None = None) -> ConsentEvidence:
    """What the landing page says about Global Privacy Control, as the state's consent record.

    In ``gpc-accept`` the signals are read after the "accept" (``chosen``) and added to it.
    """
    signals = [("gpc.header", "Sec-GPC: 1"), *await read_us_signals(page)]
    try:
        fetched: dict[str, Any] = await page.main_frame.evaluate(_FETCH, WELL_KNOWN)
    except Error:
        fetched = {"status": 0, "text": ""}
    signals.append(("gpc.json", gpc_json_summary(int(fetched.get("status") or 0), fetched["text"])))
    if chosen is not None:
        return replace(chosen, signals=(*chosen.signals, *signals))
    return ConsentEvidence(
        state=ConsentState.GPC,
        applied=True,
        strategy="gpc",
        detail=DETAIL,
        page_url=page.url,
        signals=tuple(signals),
    )


def gpc_json_summary(status: int, text: str) -> str:
    """The support resource in one line: ``gpc=true, lastUpdate=…``, or why there is none."""
    if status != 200:
        return f"absent (HTTP {status})" if status else "absent (not reachable)"
    try:
        data = json.loads(text)
    except ValueError:
        return "invalid (not JSON)"
    if not isinstance(data, dict) or not isinstance(data.get("gpc"), bool):
        return "invalid (no boolean 'gpc' member)"
    summary = f"gpc={str(data['gpc']).lower()}"
    updated = data.get("lastUpdate")
    if isinstance(updated, str) and _DATE.match(updated):
        summary += f", lastUpdate={updated}"
    return summary
