"""Pay-or-accept walls: an accept control next to a subscription or payment offer, no refusal."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error, Page

from scanner.consent.closed import call_in_closed
from scanner.consent.design import script
from scanner.consent.design_data import load_design_data
from scanner.consent.dom import FIND_CONTROL
from scanner.consent.words import ConsentWords
from scanner.model import PayWall

_WALL = script("paywall.js")
WALL_PAGE = f"(args) => ({_WALL})(args, [], {FIND_CONTROL})"
WALL_CLOSED = f"function(args, ...roots) {{ return ({_WALL})(args, roots, {FIND_CONTROL}); }}"


async def find_pay_wall(page: Page, words: ConsentWords) -> PayWall | None:
    """The wall around the accept control when its text offers a subscription or payment."""
    args = {"accept": list(words.accept)}
    seen: Any = None
    for frame in page.frames:
        try:
            seen = await frame.evaluate(WALL_PAGE, args)
        except Error:
            continue
        if seen:
            break
    seen = seen or await call_in_closed(page, WALL_CLOSED, args)
    return pay_wall_of(seen) if isinstance(seen, dict) else None


def pay_wall_of(seen: dict[str, Any]) -> PayWall | None:
    """A PayWall when the banner's text names a payment or subscription offer."""
    payment = load_design_data().words["payment"]
    text = str(seen.get("text", ""))
    if not any(w in text.lower() for w in payment):
        return None
    controls = [str(c) for c in seen.get("controls", ())]
    offer = next((c for c in controls if any(w in c.lower() for w in payment)), "")
    if not offer:
        sentences = text.replace("!", ".").split(". ")
        offer = next((s for s in sentences if any(w in s.lower() for w in payment)), text)
    return PayWall(text=text[:600], offer=offer[:200], accept=str(seen.get("accept", ""))[:80])
