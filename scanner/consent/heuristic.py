"""The last strategy: find controls by their multilingual wording in banner-like containers."""

from __future__ import annotations

import time

from playwright.async_api import Page

from scanner.consent.closed import DEVTOOLS, find_text_deep
from scanner.consent.cmp import Attempt
from scanner.consent.design import SETTINGS, measure_controls, read_toggles
from scanner.consent.dom import click, describe, poll
from scanner.consent.words import ConsentWords
from scanner.model import ConsentState


async def click_by_wording(
    page: Page, state: ConsentState, words: ConsentWords, wait_s: float
) -> Attempt:
    """Click the accept (or reject) control, or reject through a settings layer.

    Controls in closed shadow roots are reached through DevTools when page scripts find none.
    """
    primary = words.accept if state is ConsentState.ACCEPT else words.reject
    found = await poll(lambda: find_text_deep(page, primary), wait_s)
    if found is not None:
        acted_at = time.time()
        await click(found)
        return Attempt(True, (describe(found, page),), "", found, acted_at)
    if state is ConsentState.ACCEPT:
        return Attempt(False, detail="no accept control found on a consent banner")
    return await _reject_via_settings(page, words, wait_s)


async def _reject_via_settings(page: Page, words: ConsentWords, wait_s: float) -> Attempt:
    settings = await find_text_deep(page, words.settings)
    if settings is None:
        return Attempt(False, detail="no reject control and no settings layer found on a banner")
    acted_at = time.time()
    await click(settings)
    steps = [describe(settings, page)]
    found = await poll(lambda: find_text_deep(page, words.reject + words.save), wait_s)
    if found is None:
        detail = "opened the settings layer but found no reject or save control there"
        return Attempt(False, tuple(steps), detail, settings, acted_at)
    toggles = await read_toggles(page, SETTINGS, closed=settings.via == DEVTOOLS)
    controls = await measure_controls(page, words, SETTINGS)
    await click(found)
    steps.append(describe(found, page))
    return Attempt(True, tuple(steps), "", settings, acted_at, controls, toggles)
