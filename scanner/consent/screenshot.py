"""A small PNG of the consent banner before acting, as base64, for the HTML report."""

from __future__ import annotations

import base64

from playwright.async_api import ElementHandle, Error, Page

from scanner.consent.dom import Found

MAX_BASE64 = 400_000
CONTAINER = """e => {
  for (let n = e, d = 0; n && d < 30; d++) {
    if (n.nodeType === 1) {
      const st = getComputedStyle(n);
      if (st.position === "fixed" || st.position === "sticky" || n.tagName === "DIALOG"
          || /^(dialog|alertdialog)$/.test(n.getAttribute("role") || "")) return n;
    }
    n = n.parentNode || n.host || null;
  }
  return e;
}"""


async def _banner_element(page: Page, found: Found) -> ElementHandle:
    frame, element = found.frame, found.element
    while frame.parent_frame is not None and frame.parent_frame != page.main_frame:
        frame = frame.parent_frame
    if frame != page.main_frame:
        element = await frame.frame_element()
    handle = await element.evaluate_handle(CONTAINER)
    return handle.as_element() or element


async def banner_screenshot(page: Page, found: Found | None, banner: bool = False) -> str | None:
    """The banner (``found`` itself when ``banner``, else its container) as base64 PNG."""
    if found is None:
        return None
    try:
        element = found.element if banner else await _banner_element(page, found)
        if banner and found.frame != page.main_frame:
            element = await _banner_element(page, found)
        png = await element.screenshot(type="png", timeout=3000, animations="disabled")
    except Error:
        return None
    encoded = base64.b64encode(png).decode("ascii")
    return encoded if len(encoded) <= MAX_BASE64 else None
