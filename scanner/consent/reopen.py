"""After the choice: is there a way back to the settings (floating button, footer link)? Try it."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from playwright.async_api import Error, Page

from scanner.consent.closed import find_text_deep
from scanner.consent.design import script
from scanner.consent.design_data import load_design_data
from scanner.consent.dom import Found, click, poll
from scanner.consent.words import ConsentWords

REOPEN = script("reopen.js")


async def _reopen_control(page: Page) -> Found | None:
    data = load_design_data()
    args = {"selectors": list(data.reopen_selectors), "words": list(data.words["reopen"])}
    for frame in page.frames:
        try:
            element = (await frame.evaluate_handle(REOPEN, args)).as_element()
            if element is None:
                continue
            label = await element.evaluate(
                "e => e.innerText || e.getAttribute('aria-label') || e.getAttribute('title') || ''"
            )
        except Error:
            continue
        return Found(frame, element, " ".join(str(label).split())[:80] or "(no text)")
    return None


async def _leaves(found: Found) -> str | None:
    """The URL a link control would navigate to (another page), else None."""
    try:
        href = await found.element.get_attribute("href")
    except Error:
        return None
    if not href or href.startswith(("#", "javascript:")):
        return None
    target = urldefrag(urljoin(found.frame.url, href)).url
    return None if target == urldefrag(found.frame.url).url else target[:200]


async def check_reopen(page: Page, words: ConsentWords) -> tuple[str, bool | None]:
    """How the settings can be reopened after the choice, and whether clicking it did so.

    ``None``: a link to another page (not followed: the crawl stays on this page).
    """
    data = load_design_data()
    found = await poll(lambda: _reopen_control(page), data.limit("reopen_find_s"))
    if found is None:
        return "no control to reopen the consent settings found (floating button or link)", False
    target = await _leaves(found)
    if target is not None:
        return f"link '{found.label}' to {target} (not followed)", None
    await click(found)
    phrases = words.accept + words.reject + words.save
    back = await poll(lambda: find_text_deep(page, phrases), data.limit("reopen_wait_s"))
    if back is not None:
        return f"'{found.label}' reopened the consent settings", True
    return f"clicked '{found.label}' but the consent settings did not come back", False
