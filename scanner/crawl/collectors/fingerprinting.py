"""Published fingerprinting heuristics over the API calls of each script (no browser here).

The criteria are those of Englehardt & Narayanan, "Online Tracking: A 1-million-site
Measurement and Analysis" (CCS 2016), as OpenWPM and Blacklight apply them, with one change:
a script that calls ``addEventListener`` on the canvas is *not* excluded (FingerprintJS does).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from playwright.async_api import Page

from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import ApiCall, Visit
from scanner.crawl.collectors.base import Collector, Fields
from scanner.knowledge.domains import host_of
from scanner.model import FingerprintRecord

MIN_CANVAS_SIDE = 16
MIN_COLOURS = 2
MIN_DISTINCT_CHARS = 10
LOSSY_FORMATS = ("image/jpeg", "image/webp")
MIN_FONTS = 50
_QUOTED = re.compile(r"""['"]([^'"]+)['"]""")
_SIZE = re.compile(r"^[\d.]+(px|pt|pc|em|rem|ex|ch|vw|vh|%|in|cm|mm|q)(/\S+)?$", re.IGNORECASE)
SUPPORTING_APIS = (
    "navigator.plugins",
    "navigator.mimeTypes",
    "navigator.hardwareConcurrency",
    "navigator.deviceMemory",
    "navigator.getBattery",
)


@dataclass(frozen=True, slots=True)
class Detection:
    """One script using one fingerprinting technique, with the evidence and when it began."""

    script: str
    technique: str
    evidence: str
    supporting: tuple[str, ...]
    at: float


def _canvas(calls: list[ApiCall]) -> tuple[str, float] | None:
    """Canvas: text in ≥2 colours or ≥10 characters, canvas ≥16px each way, read lossless."""
    for call in calls:
        if call.api == "canvas.read" and _canvas_read_qualifies(call):
            texts = ", ".join(repr(t) for t in call.get("texts", [])[:2])
            return (
                f"{call.get('method')} of a {call.get('width')}x{call.get('height')} canvas "
                f"after drawing text in {call.get('colours')} colour(s) with "
                f"{call.get('chars')} distinct characters ({texts})",
                call.at,
            )
    return None


def _canvas_read_qualifies(call: ApiCall) -> bool:
    text = _int(call.get("colours")) >= MIN_COLOURS or _int(call.get("chars")) >= MIN_DISTINCT_CHARS
    lossless = str(call.get("format", "image/png")).lower() not in LOSSY_FORMATS
    big = min(_sides(call), default=0) >= MIN_CANVAS_SIDE
    return big and text and lossless and not call.get("save_restore", False)


def _sides(call: ApiCall) -> list[int]:
    """The canvas size, or for ``getImageData`` the size of the area read."""
    whole = [call.get("width"), call.get("height")]
    raw = call.get("area") if call.get("method") == "getImageData" else whole
    values = [_int(v) for v in (raw if isinstance(raw, list) else [])[:2]]
    return values if len(values) == 2 else []


def _fonts(api: str, label: str) -> Callable[[list[ApiCall]], tuple[str, float] | None]:
    def check(calls: list[ApiCall]) -> tuple[str, float] | None:
        fonts = {font_family(str(c.get("font", ""))) for c in calls if c.api == api}
        if len(fonts) < MIN_FONTS:
            return None
        return f"{label} over {len(fonts)} distinct fonts", _first_at(calls, api)

    return check


def _webgl(calls: list[ApiCall]) -> tuple[str, float] | None:
    """WebGL: reading the unmasked GPU vendor or renderer (WEBGL_debug_renderer_info)."""
    names = sorted({str(c.get("unmasked")) for c in calls if c.get("unmasked")})
    if not names:
        return None
    return f"getParameter({', '.join(names)})", _first_at(calls, "webgl.parameter")


def _audio(calls: list[ApiCall]) -> tuple[str, float] | None:
    """Audio: an oscillator through a dynamics compressor, rendered by an OfflineAudioContext."""
    apis = {c.api for c in calls if c.get("context") == "offline"}
    needed = {"audio.createOscillator", "audio.createDynamicsCompressor", "audio.startRendering"}
    if not needed <= apis:
        return None
    evidence = "OfflineAudioContext: createOscillator, createDynamicsCompressor, startRendering"
    return evidence, _first_at(calls, "audio.startRendering")


TECHNIQUES: dict[str, Callable[[list[ApiCall]], tuple[str, float] | None]] = {
    "canvas": _canvas,
    "canvas_font": _fonts("canvas.measure", "measureText"),
    "font_probing": _fonts("font.offset", "offsetWidth/offsetHeight of text"),
    "webgl": _webgl,
    "audio": _audio,
}


def detect_fingerprinting(calls: Iterable[ApiCall]) -> tuple[Detection, ...]:
    """Every (script, technique) that meets its published criterion, in script order."""
    by_script: dict[str, list[ApiCall]] = defaultdict(list)
    for call in calls:
        by_script[call.script or call.frame_url].append(call)
    found = []
    for script, script_calls in by_script.items():
        supporting = tuple(sorted({c.api for c in script_calls if c.api in SUPPORTING_APIS}))
        for technique, check in TECHNIQUES.items():
            hit = check(script_calls)
            if hit is not None:
                found.append(Detection(script, technique, hit[0], supporting, hit[1]))
    return tuple(found)


def font_family(font: str) -> str:
    """The first family of a CSS ``font`` or ``font-family`` value, without sizes or quotes."""
    first = font.split(",", 1)[0]
    quoted = _QUOTED.search(first)
    if quoted:
        return quoted.group(1).strip().lower()
    tokens = first.split()
    sized = [i for i, token in enumerate(tokens) if _SIZE.match(token)]
    return " ".join(tokens[sized[-1] + 1 :] if sized else tokens).lower()


def _first_at(calls: list[ApiCall], api: str) -> float:
    return min((c.at for c in calls if c.api == api), default=0.0)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


class FingerprintingCollector(Collector):
    """Fingerprinting techniques found in the API calls of each visit (see api_calls)."""

    name = "fingerprinting"

    def __init__(self, book: StateBook) -> None:
        self._book = book

    def data(self, page: Page, visit: Visit) -> Fields:
        """One record per script and technique that meets the criteria."""
        found = tuple(
            FingerprintRecord(
                d.script,
                d.technique,
                d.evidence,
                d.supporting,
                self._book.party(host_of(d.script)),
                self._book.phase(d.at),
                visit.url,
            )
            for d in detect_fingerprinting(visit.api_calls)
        )
        return {"fingerprinting": found}
