"""What a visitor does on a page: move the pointer, scroll to the bottom and back, press a key.

Nothing here clicks, submits or types into a field: the pointer only moves, the scroll is the
mouse wheel, and the key (Shift) is pressed with no form field focused.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from playwright.async_api import Page

from scanner.model import InteractionStep

POINTER_PATH = ((0.2, 0.3), (0.7, 0.5), (0.5, 0.7))  # fractions of the viewport
POINTER_STEPS = 1  # mousemove events from one point to the next
KEY = "Shift"  # fires keydown / keyup, types nothing, activates nothing
SCROLL_FRACTION = 0.8  # of the viewport height per wheel step (some overlap, as a reader)
MAX_STEP_S = 0.1  # a wheel step and its reading, beyond the pause, on a heavy page
GEOMETRY = "() => [innerWidth, innerHeight, scrollY, document.documentElement.scrollHeight]"
# Leave any focused field (the keystrokes collector types later, focusing its own field).
BLUR = """() => { const e = document.activeElement;
  if (e && e !== document.body && e.blur) e.blur(); }"""


@dataclass(frozen=True, slots=True)
class ScrollPlan:
    """How far and how patiently to scroll: at most ``steps`` wheel steps, ``pause_s`` after
    each (scroll handlers and IntersectionObservers run in the next frames)."""

    steps: int
    pause_s: float
    fraction: float = SCROLL_FRACTION


async def _geometry(page: Page) -> tuple[float, float, float, float]:
    width, height, y, total = await page.evaluate(GEOMETRY)
    return float(width), float(height), float(y), float(total)


async def _viewport(page: Page) -> tuple[float, float]:
    """The viewport's size: the context's (no round trip to the page), else the page's."""
    size = page.viewport_size
    if size is not None:
        return float(size["width"]), float(size["height"])
    width, height, _, _ = await _geometry(page)
    return width, height


async def move_pointer(page: Page) -> InteractionStep:
    """Move the pointer across the page (mousemove events), clicking nothing."""
    at = time.time()
    width, height = await _viewport(page)
    for fx, fy in POINTER_PATH:
        await page.mouse.move(width * fx, height * fy, steps=POINTER_STEPS)
    return InteractionStep("pointer", at, f"{len(POINTER_PATH)} points")


async def scroll_down(page: Page, plan: ScrollPlan) -> InteractionStep:
    """Scroll with the wheel, step by step, to the bottom of the page (or ``plan.steps``)."""
    at = time.time()
    width, height, _, _ = await _geometry(page)
    await page.mouse.move(width / 2, height / 2)
    steps, y, total = 0, 0.0, height
    until = time.monotonic() + plan.steps * (plan.pause_s + MAX_STEP_S)
    while steps < plan.steps and time.monotonic() < until:
        await page.mouse.wheel(0, height * plan.fraction)
        steps += 1
        await asyncio.sleep(plan.pause_s)
        _, _, y, total = await _geometry(page)
        if y + height >= total - 2:
            break
    depth = min(100, round(100 * (y + height) / max(total, 1.0)))
    return InteractionStep("scroll", at, f"{steps} steps to {depth}% of the page")


async def scroll_back(page: Page, plan: ScrollPlan) -> InteractionStep:
    """Scroll back to the top with the wheel (nothing to do on a page still at its top)."""
    at = time.time()
    _, _, y, _ = await _geometry(page)
    if y > 0:
        await page.mouse.wheel(0, -(y + 1))
        await asyncio.sleep(plan.pause_s)
    return InteractionStep("scroll_back", at, f"from {round(y)} px")


async def press_key(page: Page) -> InteractionStep:
    """Press a key that types nothing, with no form field focused."""
    at = time.time()
    await page.evaluate(BLUR)
    await page.keyboard.press(KEY)
    return InteractionStep("key", at, KEY)
