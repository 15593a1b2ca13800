"""Closed shadow roots, reached through DevTools DOM access (page scripts cannot see into them)."""

from __future__ import annotations

import contextlib
from typing import Any

from playwright.async_api import CDPSession, Error, Page

from scanner.consent.dom import FIND_CONTROL, Found, find_text

DEVTOOLS = "devtools"  # how a control reached this way is named in evidence
_SLOT = "__cookiescanClosedControl"
_STASH = f"""function(phrases, ...roots) {{
  const el = ({FIND_CONTROL})({{phrases, roots}});
  if (el) window.{_SLOT} = el;
  return !!el;
}}"""
_TAKE = f"() => {{ const e = window.{_SLOT}; delete window.{_SLOT}; return e || null; }}"


def _closed_ids(node: dict[str, Any]) -> list[int]:
    """Backend ids of the closed shadow roots under ``node``, main document only."""
    found: list[int] = []
    stack = [node]
    while stack:
        item = stack.pop()
        for root in item.get("shadowRoots", ()):
            if root.get("shadowRootType") == "closed":
                found.append(int(root["backendNodeId"]))
            stack.append(root)
        stack.extend(item.get("children", ()))  # not contentDocument: other frames' worlds
    return found


async def _roots(session: CDPSession) -> list[str]:
    """Remote object ids (main world) of every closed shadow root of the main document."""
    document = await session.send("DOM.getDocument", {"depth": -1, "pierce": True})
    ids: list[str] = []
    for backend in _closed_ids(document["root"]):
        resolved = await session.send("DOM.resolveNode", {"backendNodeId": backend})
        object_id = resolved.get("object", {}).get("objectId")
        if object_id:
            ids.append(str(object_id))
    return ids


async def call_in_closed(page: Page, function: str, value: object) -> Any:
    """``function(value, ...closedRoots)`` in the main world, by value; None without roots."""
    try:
        session = await page.context.new_cdp_session(page)
    except Error:
        return None
    try:
        roots = await _roots(session)
        if not roots:
            return None
        arguments = [{"value": value}, *({"objectId": r} for r in roots)]
        reply = await session.send(
            "Runtime.callFunctionOn",
            {"objectId": roots[0], "functionDeclaration": function,
             "arguments": arguments, "returnByValue": True, "awaitPromise": True},
        )  # fmt: skip
        return None if "exceptionDetails" in reply else reply.get("result", {}).get("value")
    except Error:
        return None
    finally:
        with contextlib.suppress(Error):
            await session.detach()


async def find_in_closed(page: Page, phrases: tuple[str, ...]) -> Found | None:
    """The best-ranked banner control with one of ``phrases`` inside a closed shadow root."""
    if not await call_in_closed(page, _STASH, list(phrases)):
        return None
    try:
        element = (await page.main_frame.evaluate_handle(_TAKE)).as_element()
        if element is None:
            return None
        text = await element.evaluate("e => e.innerText || e.value || ''")
    except Error:
        return None
    return Found(page.main_frame, element, " ".join(str(text).split())[:80], DEVTOOLS)


async def find_text_deep(page: Page, phrases: tuple[str, ...]) -> Found | None:
    """``find_text``, then closed shadow roots (through DevTools) when nothing was found."""
    return await find_text(page, phrases) or await find_in_closed(page, phrases)
