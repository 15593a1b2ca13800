"""Measure a banner's design in the page: its controls as rendered, and its purpose toggles."""

from __future__ import annotations

from importlib import resources
from typing import Any

from playwright.async_api import Error, Page

from scanner.consent.closed import DEVTOOLS, call_in_closed
from scanner.consent.design_data import DesignData, load_design_data
from scanner.consent.dom import FIND_CONTROL
from scanner.consent.words import ConsentWords
from scanner.model import ControlLook, ToggleLook


def script(name: str) -> str:
    """A bundled page script, without its ``//`` comment lines."""
    text = resources.files("scanner.consent").joinpath(name).read_text("utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//"))


_MEASURE = script("measure.js")
_TOGGLES = script("toggles.js")
MEASURE_PAGE = f"(args) => ({_MEASURE})(args, [], {FIND_CONTROL})"
MEASURE_CLOSED = f"function(args, ...roots) {{ return ({_MEASURE})(args, roots, {FIND_CONTROL}); }}"
TOGGLES_PAGE = f"(args) => ({_TOGGLES})(args, [])"
TOGGLES_CLOSED = f"function(args, ...roots) {{ return ({_TOGGLES})(args, roots); }}"
UNOUTLINE = """() => {
  const key = Symbol.for("cookiescan.outlined");
  for (const [el, outline, offset] of window[key] || []) {
    el.style.outline = outline; el.style.outlineOffset = offset;
  }
  window[key] = [];
}"""
FIRST, SETTINGS = "first", "settings"


def roles(words: ConsentWords, layer: str) -> dict[str, list[str]]:
    """The wording of each role measured on ``layer`` (settings: save instead of settings)."""
    last = ("settings", words.settings) if layer == FIRST else ("save", words.save)
    return {"accept": list(words.accept), "reject": list(words.reject), last[0]: list(last[1])}


async def measure_controls(
    page: Page, words: ConsentWords, layer: str, outline: bool = False
) -> tuple[ControlLook, ...]:
    """Each role's control on ``layer``, first frame that has it; closed roots when missing."""
    data = load_design_data()
    wanted = roles(words, layer)
    found: dict[str, ControlLook] = {}
    for frame in page.frames:
        args = _args(data, layer, outline, {k: v for k, v in wanted.items() if k not in found})
        if not args["roles"]:
            break
        try:
            items = await frame.evaluate(MEASURE_PAGE, args)
        except Error:
            continue
        found.update((c.role, c) for c in map(_look, items or ()) if c.role not in found)
    missing = {k: v for k, v in wanted.items() if k not in found}
    if missing and ("accept" in missing or "reject" in missing):
        items = await call_in_closed(page, MEASURE_CLOSED, _args(data, layer, outline, missing))
        found.update((c.role, c) for c in (_look(i, DEVTOOLS) for i in items or ()))
    return tuple(found[r] for r in wanted if r in found)


def _args(data: DesignData, layer: str, outline: bool, wanted: dict[str, list[str]]) -> Any:
    return {"roles": wanted, "layer": layer, "outline": outline,
            "shapeContrast": data.limit("shape_contrast")}  # fmt: skip


def _look(item: dict[str, Any], reached: str = "page") -> ControlLook:
    return ControlLook(
        role=str(item["role"]), layer=str(item["layer"]), text=str(item["text"]),
        tag=str(item["tag"]), shape=str(item["shape"]), area=float(item["area"]),
        text_contrast=float(item["text_contrast"]),
        boundary_contrast=float(item["boundary_contrast"]),
        font_weight=int(item["font_weight"]), font_size=float(item["font_size"]), reached=reached,
    )  # fmt: skip


async def clear_outlines(page: Page) -> None:
    """Take the outlines drawn for the screenshot off again, in every frame."""
    for frame in page.frames:
        try:
            await frame.evaluate(UNOUTLINE)
        except Error:
            continue


async def read_toggles(page: Page, layer: str, closed: bool = False) -> tuple[ToggleLook, ...]:
    """The visible purpose toggles of the banner, in every frame (and closed roots if asked)."""
    items: list[tuple[dict[str, Any], str]] = []
    for frame in page.frames:
        try:
            items.extend((i, "page") for i in await frame.evaluate(TOGGLES_PAGE, {}) or ())
        except Error:
            continue
    if closed:
        deep = await call_in_closed(page, TOGGLES_CLOSED, {})
        items.extend((i, DEVTOOLS) for i in deep or ())
    return tuple(_toggle(item, layer, reached) for item, reached in items)


def _toggle(item: dict[str, Any], layer: str, reached: str) -> ToggleLook:
    words = load_design_data().words
    label, name = str(item["label"]), str(item.get("name", ""))
    near = f"{label} {name}".lower()
    legit = any(w in near for w in words["legitimate_interest"]) or "legint" in name.lower()
    return ToggleLook(
        label=label, checked=bool(item["checked"]), disabled=bool(item["disabled"]),
        necessary=any(w in label.lower() for w in words["necessary"]),
        legitimate_interest=legit, layer=layer, reached=reached,
    )  # fmt: skip
