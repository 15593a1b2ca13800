"""Finding, waiting for and clicking consent controls in every frame of a page."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from typing import TypeVar

from playwright.async_api import ElementHandle, Error, Frame, Page

POLL_SECONDS = 0.2
CLICK_TIMEOUT_MS = 3000
T = TypeVar("T")

FIND_CONTROL = "\n".join(
    line
    for line in resources.files("scanner.consent")
    .joinpath("find_control.js")
    .read_text("utf-8")
    .splitlines()
    if not line.startswith("//")
)


@dataclass(frozen=True, slots=True)
class Found:
    """A visible control in some frame, and how to name it in evidence.

    ``via`` says when it was reached other than by page scripts (``devtools``: a closed
    shadow root, pierced through the DevTools DOM domain).
    """

    frame: Frame
    element: ElementHandle
    label: str
    via: str = ""


def describe(found: Found, page: Page) -> str:
    """A short human description: the control's label and where it is."""
    where = "main frame" if found.frame == page.main_frame else f"frame {found.frame.url[:120]}"
    if found.via:
        where += f", closed shadow root reached through {found.via}"
    return f"'{found.label}' ({where})"


async def find_selector(page: Page, selector: str) -> Found | None:
    """The first visible element matching ``selector`` in any frame (open shadow roots too)."""
    for frame in page.frames:
        try:
            locator = frame.locator(selector)
            for index in range(min(await locator.count(), 5)):
                item = locator.nth(index)
                if await item.is_visible():
                    element = await item.element_handle(timeout=CLICK_TIMEOUT_MS)
                    if element is not None:
                        return Found(frame, element, selector)
        except Error:
            continue
    return None


async def exists(page: Page, selector: str) -> bool:
    """Whether ``selector`` matches anything, visible or not, in any frame."""
    for frame in page.frames:
        try:
            if await frame.locator(selector).count():
                return True
        except Error:
            continue
    return False


async def find_text(page: Page, phrases: tuple[str, ...]) -> Found | None:
    """The best-ranked visible banner control whose text is one of ``phrases``, any frame."""
    for frame in page.frames:
        try:
            handle = await frame.evaluate_handle(FIND_CONTROL, {"phrases": list(phrases)})
        except Error:
            continue
        element = handle.as_element()
        if element is not None:
            text = await element.evaluate("e => e.innerText || e.value || ''")
            return Found(frame, element, " ".join(str(text).split())[:80])
    return None


async def poll(find: Callable[[], Awaitable[T | None]], wait_s: float) -> T | None:
    """Call ``find()`` until it returns something or ``wait_s`` passes."""
    deadline = time.monotonic() + wait_s
    while True:
        found = await find()
        if found is not None or time.monotonic() >= deadline:
            return found
        await asyncio.sleep(POLL_SECONDS)


async def click(found: Found) -> None:
    """Click like a person; fall back to a DOM click when something covers the control."""
    try:
        await found.element.click(timeout=CLICK_TIMEOUT_MS)
    except Error:
        await found.element.evaluate("e => e.click()")


async def still_visible(element: ElementHandle) -> bool:
    """Whether an element is still attached and visible."""
    try:
        return await element.is_visible()
    except Error:
        return False


async def main_eval(page: Page, expression: str) -> object:
    """Evaluate an expression in the main frame; ``None`` when it throws."""
    try:
        return await page.main_frame.evaluate(expression)
    except Error:
        return None
