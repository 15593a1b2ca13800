"""Type the key-logging marker into the page's first text field, never submitting it."""

from __future__ import annotations

import contextlib

from playwright.async_api import Error, Locator, Page

TEXT_FIELDS = ", ".join(
    [
        "input:not([type])",
        *(f"input[type={kind}]" for kind in ("text", "search", "email", "tel", "url")),
        "textarea",
    ]
)
KEY_DELAY_MS = 20
MAX_CANDIDATES = 10


async def type_marker(page: Page, marker: str) -> str | None:
    """Type ``marker`` key by key into the first visible, editable field; its name, or None.

    No Enter is pressed and no form is submitted: the field is left as a visitor who stopped
    typing would leave it.
    """
    fields = page.locator(TEXT_FIELDS)
    with contextlib.suppress(Error):
        for index in range(min(await fields.count(), MAX_CANDIDATES)):
            field = fields.nth(index)
            if await field.is_visible() and await field.is_editable():
                await field.press_sequentially(marker, delay=KEY_DELAY_MS, timeout=5000)
                return await _name_of(field)
    return None


async def _name_of(field: Locator) -> str:
    describe = "e => e.name || e.id || e.getAttribute('aria-label') || e.tagName.toLowerCase()"
    name = await field.evaluate(describe)
    return str(name)[:80]
