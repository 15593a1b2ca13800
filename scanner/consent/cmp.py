"""Detect a known consent manager by its rules, operate it, and read back its recorded choice."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from importlib import resources

from playwright.async_api import Error, Page

from scanner.consent.cmp_rules import CmpRule, Path
from scanner.consent.dom import (
    POLL_SECONDS,
    Found,
    click,
    describe,
    find_selector,
    main_eval,
    poll,
)
from scanner.errors import first_line
from scanner.model import ConsentState, ControlLook, ToggleLook


def _script(name: str) -> str:
    text = resources.files("scanner.consent").joinpath(name).read_text("utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//"))


DETECT = _script("detect.js")
HELPERS = _script("helpers.js")


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one strategy did: whether it applied the choice, its steps, and why not.

    ``controls`` and ``toggles``: the settings layer as measured when the strategy went
    through it (before saving).
    """

    applied: bool
    steps: tuple[str, ...] = ()
    detail: str = ""
    first: Found | None = None
    acted_at: float | None = None
    controls: tuple[ControlLook, ...] = ()
    toggles: tuple[ToggleLook, ...] = ()


async def detected(page: Page, rules: tuple[CmpRule, ...]) -> tuple[CmpRule, ...]:
    """The rules whose CMP is present in any frame, in rule order."""
    payload = [{"key": r.key, "detect": list(r.detect), "globals": list(r.globals)} for r in rules]
    keys: set[str] = set()
    for frame in page.frames:
        try:
            keys.update(await frame.evaluate(DETECT, payload))
        except Error:
            continue
    return tuple(r for r in rules if r.key in keys)


async def is_ready(page: Page, rule: CmpRule) -> bool:
    """Whether the CMP says it can take a choice (always, when its rule has no ready check)."""
    return not rule.ready or bool(await main_eval(page, f"!!({rule.ready})"))


async def read_choice(page: Page, rule: CmpRule) -> str:
    """The choice the CMP recorded: 'accept', 'reject' or '' when unknown."""
    if not rule.choice:
        return ""
    code = f"(async () => {{ {HELPERS}\n return await ({rule.choice}); }})()"
    value = await main_eval(page, code)
    return value if value in ("accept", "reject") else ""


async def _open_path(page: Page, rule: CmpRule, state: ConsentState) -> tuple[Path, Found] | None:
    if not await is_ready(page, rule):
        return None
    for path in rule.paths(state):
        found = await find_selector(page, path[0])
        if found is not None:
            return path, found
    return None


async def operate(
    page: Page, rule: CmpRule, state: ConsentState, open_s: float, wait_s: float
) -> Attempt:
    """Click the first available path of ``rule`` for ``state``, or call its JS API.

    Waits ``open_s`` for the CMP to be ready and a path's first control to show, and
    ``wait_s`` for each later layer.
    """
    opened = await poll(lambda: _open_path(page, rule, state), open_s)
    if opened is None:
        return await _by_api(page, rule, state)
    path, first = opened
    if rule.settle_ms:
        await asyncio.sleep(rule.settle_ms / 1000)
    acted_at, steps = time.time(), [describe(first, page)]
    await click(first)
    for number, selector in enumerate(path[1:], start=2):
        found = await poll(lambda s=selector: find_selector(page, s), wait_s)  # type: ignore[misc]
        if found is None:
            detail = f"{rule.name}: step {number} '{selector}' did not appear"
            return Attempt(False, tuple(steps), detail, first, acted_at)
        await asyncio.sleep(POLL_SECONDS)
        await click(found)
        steps.append(describe(found, page))
    return Attempt(True, tuple(steps), "", first, acted_at)


async def _by_api(page: Page, rule: CmpRule, state: ConsentState) -> Attempt:
    call = rule.api_call(state)
    if call is None or not await is_ready(page, rule):
        return Attempt(False, detail=f"{rule.name} found, but none of its {state.value} controls")
    acted_at = time.time()
    try:
        await page.main_frame.evaluate(f"(async () => {{ await ({call}); }})()")
    except Error as exc:
        return Attempt(False, detail=f"{rule.name} API call failed: {first_line(exc)}")
    return Attempt(True, (f"api: {call}",), "", None, acted_at)
