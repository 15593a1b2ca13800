"""What the profile probe read, turned into the browser profile and the tells that remain (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from scanner.crawl.browser.identity import platforms
from scanner.crawl.options import BrowserOptions
from scanner.model import BrowserProfile, Tell
from scanner.model.yaml_data import load_yaml

# {"browser_ua": the browser's own UA, "page": {...}, "iframe": {...}, "worker": {...}}
Readings = Mapping[str, Any]
PLACES = ("page", "iframe", "worker")
# What a worker or an iframe must read as its page does, and how a person would name it.
SHARED = (
    ("ua", "user agent"),
    ("brands", "set of brands"),
    ("ua_platform", "client-hint platform"),
    ("platform", "navigator.platform"),
    ("languages", "set of languages"),
    ("cores", "hardwareConcurrency"),
)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Any]:
    """The tell sentences and thresholds (scanner/data/browser_tells.yaml)."""
    text = resources.files("scanner.data").joinpath("browser_tells.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


def tell(tell_id: str, places: Iterable[str] = (), value: str = "") -> Tell:
    """The tell ``tell_id`` with its sentence filled in."""
    sentence = str(catalogue()["tells"][tell_id])
    return Tell(tell_id, sentence.format(places=", ".join(places), value=value))


def size(pair: Any) -> str:
    """``WIDTHxHEIGHT`` from a reading of ``[width, height]`` ('' when not read)."""
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return f"{int(pair[0])}x{int(pair[1])}"
    return ""


def _places(readings: Readings) -> list[tuple[str, Mapping[str, Any]]]:
    return [(p, readings[p]) for p in PLACES if isinstance(readings.get(p), Mapping)]


def _where_true(readings: Readings, test: Any) -> list[str]:
    return [name for name, facts in _places(readings) if test(facts)]


def _headless(facts: Mapping[str, Any]) -> bool:
    brands = " ".join(str(b) for b in facts.get("brands", ()))
    return "headless" in (str(facts.get("ua", "")) + brands).lower()


def _navigator_tells(readings: Readings) -> list[Tell]:
    found = []
    checks = (
        ("navigator.webdriver", lambda f: bool(f.get("webdriver"))),
        ("ua.headless", lambda f: "headless" in str(f.get("ua", "")).lower()),
        ("uadata.headless-brand", lambda f: _headless({"brands": f.get("brands", ())})),
        ("navigator.languages-empty", lambda f: not f.get("languages")),
    )
    for tell_id, test in checks:
        places = _where_true(readings, test)
        if places:
            found.append(tell(tell_id, places))
    page = readings.get("page") or {}
    hint = str(page.get("ua_platform", ""))
    if hint and hint != platforms(str(page.get("ua", "")))[0]:
        found.append(tell("uadata.platform-mismatch", value=hint))
    return found


def _consistency_tells(readings: Readings) -> list[Tell]:
    page = readings.get("page") or {}
    found = []
    for place in ("worker", "iframe"):
        facts = readings.get(place)
        if not isinstance(facts, Mapping) or not page:
            continue
        differ = [name for key, name in SHARED if key in facts and facts[key] != page.get(key)]
        if differ:
            found.append(tell(f"{place}.differs", value=", ".join(differ)))
    return found


def _webgl_tells(readings: Readings) -> list[Tell]:
    renderer = str((readings.get("page") or {}).get("webgl", ""))
    if renderer in ("", "none", "error"):
        return [tell("webgl.none", value=renderer or "not read")]
    if any(s.lower() in renderer.lower() for s in catalogue()["software_renderers"]):
        return [tell("webgl.software", value=renderer)]
    return []


def _window_tells(readings: Readings) -> list[Tell]:
    found = []
    page = readings.get("page") or {}
    outer, inner = size(page.get("outer")), size(page.get("inner"))
    if outer and outer == inner:
        found.append(tell("window.no-frame"))
    default = size(catalogue()["headless_default_screen"])
    places = _where_true(readings, lambda f: size(f.get("screen")) == default)
    if places:
        found.append(tell("screen.800x600", places))
    places = _where_true(readings, _screen_smaller)
    if places:
        found.append(tell("screen.smaller-than-window", places))
    return found


def _screen_smaller(facts: Mapping[str, Any]) -> bool:
    screen, outer = size(facts.get("screen")), size(facts.get("outer"))
    if not (screen and outer):
        return False
    (sw, sh), (ow, oh) = (map(int, x.split("x")) for x in (screen, outer))
    return sw < ow or sh < oh


def remaining_tells(readings: Readings) -> tuple[Tell, ...]:
    """Every tell the probe's readings show, in a stable order."""
    globals_ = [str(g) for g in (readings.get("page") or {}).get("globals", ())]
    found = [
        *_navigator_tells(readings),
        *_consistency_tells(readings),
        *_webgl_tells(readings),
        *_window_tells(readings),
    ]
    if globals_:
        found.append(tell("automation.globals", value=", ".join(sorted(globals_))))
    return tuple(found)


def browser_profile(readings: Readings, where: str) -> BrowserProfile:
    """The profile the page read (``browser_ua``, the browser's own user agent before the
    scan's, says whether it runs headless)."""
    page = readings.get("page") or {}
    own = str(readings.get("browser_ua", ""))
    return BrowserProfile(
        user_agent=str(page.get("ua", "")),
        brands=tuple(str(b) for b in page.get("brands", ())),
        platform=str(page.get("ua_platform", "")) or str(page.get("platform", "")),
        viewport=size(page.get("inner")),
        screen=size(page.get("screen")),
        window=size(page.get("outer")),
        languages=tuple(str(x) for x in page.get("languages", ())),
        webgl_renderer=str(page.get("webgl", "")),
        headless=("headless" in own.lower()) if own else None,
        where=where,
    )


def unprobed_profile(options: BrowserOptions, where: str, error: str) -> BrowserProfile:
    """What the scan asked for, when the probe could not read the browser (``error``: why)."""
    width, height = options.viewport
    return BrowserProfile(
        user_agent=options.user_agent or "",
        brands=(),
        platform="",
        viewport=f"{width}x{height}",
        screen="",
        window="",
        languages=(options.locale,),
        webgl_renderer="",
        headless=None if options.endpoint else options.headless,
        where=where,
        error=error,
    )
