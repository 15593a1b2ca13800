"""The declared strategy: click the selectors listed in expected_cookies.yaml, in order."""

from __future__ import annotations

import time

from playwright.async_api import Page

from scanner.consent.cmp import Attempt
from scanner.consent.dom import Found, click, describe, find_selector, poll


async def click_declared(page: Page, selectors: tuple[str, ...], wait_s: float) -> Attempt:
    """Click each declared selector once it shows, waiting up to ``wait_s`` for each."""
    steps: list[str] = []
    first: Found | None = None
    acted_at = None
    for number, selector in enumerate(selectors, start=1):
        found = await poll(lambda s=selector: find_selector(page, s), wait_s)  # type: ignore[misc]
        if found is None:
            detail = (
                f"step {number} of {len(selectors)}: selector '{selector}' from "
                f"expected_cookies.yaml not found within {wait_s:g} s"
            )
            return Attempt(False, tuple(steps), detail, first, acted_at)
        first = first or found
        acted_at = acted_at or time.time()
        await click(found)
        steps.append(describe(found, page))
    return Attempt(True, tuple(steps), "", first, acted_at)
