"""Operate a consent banner: declared selectors first, then a multilingual text heuristic."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from playwright.async_api import ElementHandle, Error, Frame, Page

from scanner.model import ConsentControls, ConsentEvidence, ConsentState

POLL_SECONDS = 0.25
CLICK_TIMEOUT_MS = 5000

_FIND_CONTROL = "\n".join(
    line
    for line in resources.files("scanner.crawl")
    .joinpath("find_control.js")
    .read_text("utf-8")
    .splitlines()
    if not line.startswith("//")
)


@dataclass(frozen=True, slots=True)
class ConsentWords:
    """Control wording by role, most specific first, every language folded together."""

    accept: tuple[str, ...]
    reject: tuple[str, ...]
    settings: tuple[str, ...]
    save: tuple[str, ...]


@lru_cache(maxsize=1)
def load_words() -> ConsentWords:
    """The bundled multilingual wording of consent controls."""
    text = resources.files("scanner.data").joinpath("consent_words.yaml").read_text("utf-8")
    data = yaml.safe_load(text)

    def fold(role: str) -> tuple[str, ...]:
        phrases = [p.lower() for lang in data[role].values() for p in lang]
        return tuple(dict.fromkeys(phrases))

    return ConsentWords(fold("accept"), fold("reject"), fold("settings"), fold("save"))


@dataclass(frozen=True, slots=True)
class _Found:
    frame: Frame
    element: ElementHandle
    label: str


def _describe(found: _Found, page: Page) -> str:
    where = "main frame" if found.frame == page.main_frame else f"frame {found.frame.url}"
    return f"'{found.label}' ({where})"


async def _find_text(page: Page, phrases: tuple[str, ...]) -> _Found | None:
    """The best-ranked visible banner control whose text is one of ``phrases``, any frame."""
    for frame in page.frames:
        try:
            handle = await frame.evaluate_handle(_FIND_CONTROL, {"phrases": list(phrases)})
        except Error:
            continue
        element = handle.as_element()
        if element is not None:
            label = " ".join((await element.evaluate("e => e.innerText || e.value || ''")).split())
            return _Found(frame, element, label[:80])
    return None


async def _find_selector(page: Page, selector: str) -> _Found | None:
    """The first visible element matching a CSS selector in any frame (open shadow roots too)."""
    for frame in page.frames:
        try:
            locator = frame.locator(selector).first
            if await locator.count() and await locator.is_visible():
                element = await locator.element_handle(timeout=CLICK_TIMEOUT_MS)
                if element is not None:
                    return _Found(frame, element, selector)
        except Error:
            continue
    return None


async def _wait_for(page: Page, find: object, wait_s: float) -> _Found | None:
    """Poll ``find()`` until it returns a control or ``wait_s`` passes."""
    deadline = time.monotonic() + wait_s
    while True:
        found = await find()  # type: ignore[operator]
        if found is not None or time.monotonic() >= deadline:
            return found  # type: ignore[no-any-return]
        await asyncio.sleep(POLL_SECONDS)


async def _click(found: _Found) -> None:
    try:
        await found.element.click(timeout=CLICK_TIMEOUT_MS)
    except Error:
        await found.element.evaluate("e => e.click()")


class ConsentEngine:
    """Applies the state's choice on a landing page and says how, or why it could not."""

    def __init__(self, controls: ConsentControls, wait_s: float) -> None:
        self.controls = controls
        self.wait_s = wait_s
        self.words = load_words()

    async def apply(self, page: Page, state: ConsentState) -> ConsentEvidence:
        """Click through the banner for ``state`` (accept or reject)."""
        declared = self.controls.accept if state is ConsentState.ACCEPT else self.controls.reject
        try:
            if declared:
                return await self._declared(page, state, declared)
            return await self._heuristic(page, state)
        except Error as exc:
            first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return ConsentEvidence(state, False, detail=f"the browser failed: {first_line}")

    async def _declared(
        self, page: Page, state: ConsentState, selectors: tuple[str, ...]
    ) -> ConsentEvidence:
        steps: list[str] = []
        acted_at = None
        for number, selector in enumerate(selectors, start=1):
            found = await _wait_for(page, lambda s=selector: _find_selector(page, s), self.wait_s)
            if found is None:
                detail = (
                    f"step {number} of {len(selectors)}: selector '{selector}' from "
                    f"expected_cookies.yaml not found within {self.wait_s:g} s"
                )
                return ConsentEvidence(state, False, "declared", tuple(steps), detail, page.url)
            acted_at = time.time()
            await _click(found)
            steps.append(_describe(found, page))
        return ConsentEvidence(state, True, "declared", tuple(steps), "", page.url, acted_at)

    async def _heuristic(self, page: Page, state: ConsentState) -> ConsentEvidence:
        words = self.words
        primary = words.accept if state is ConsentState.ACCEPT else words.reject
        found = await _wait_for(page, lambda: _find_text(page, primary), self.wait_s)
        if found is not None:
            acted_at = time.time()
            await _click(found)
            steps = (_describe(found, page),)
            return ConsentEvidence(state, True, "heuristic", steps, "", page.url, acted_at)
        if state is ConsentState.ACCEPT:
            return ConsentEvidence(
                state, False, "heuristic", (), "no accept control found on a consent banner"
            )
        return await self._reject_via_settings(page, state)

    async def _reject_via_settings(self, page: Page, state: ConsentState) -> ConsentEvidence:
        settings = await _find_text(page, self.words.settings)
        if settings is None:
            detail = "no reject control and no settings layer found on a consent banner"
            return ConsentEvidence(state, False, "heuristic", (), detail, page.url)
        await _click(settings)
        steps = [_describe(settings, page)]
        second = self.words.reject + self.words.save
        found = await _wait_for(page, lambda: _find_text(page, second), self.wait_s)
        if found is None:
            detail = "opened the settings layer but found no reject or save control there"
            return ConsentEvidence(state, False, "heuristic", tuple(steps), detail, page.url)
        acted_at = time.time()
        await _click(found)
        steps.append(_describe(found, page))
        return ConsentEvidence(state, True, "heuristic", tuple(steps), "", page.url, acted_at)
