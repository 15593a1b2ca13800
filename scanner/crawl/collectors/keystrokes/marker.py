"""Key-logging check: a unique marker typed into a field, looked for in what the page sent."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote_plus, urlsplit

from scanner.crawl.book.outgoing import Outgoing

MARKER_PREFIX = "cskey"
_B64_SKIP = (0, 2, 3)  # leading characters mixed with the bytes before the marker


@dataclass(frozen=True, slots=True)
class KeystrokeHit:
    """The typed marker found in a request: where to, in which encoding and which part."""

    host: str
    url: str
    encoding: str
    location: str
    third_party: bool
    at: float


def new_marker() -> str:
    """A marker no page can contain by chance (letters and digits only: no escaping needed)."""
    return MARKER_PREFIX + secrets.token_hex(6)


def marker_forms(marker: str) -> dict[str, tuple[str, ...]]:
    """The marker as it may travel: plain, base64 (any alignment, either alphabet), hashed."""
    raw = marker.encode()
    b64: list[str] = []
    for offset in range(3):
        encoded = base64.b64encode(bytes(offset) + raw).decode()
        core = encoded[_B64_SKIP[offset] : ((offset + len(raw)) // 3) * 4]
        b64 += [core, core.replace("+", "-").replace("/", "_")]
    return {
        "plain": (marker.lower(),),
        "base64": tuple(dict.fromkeys(b64)),
        "md5": (hashlib.md5(raw).hexdigest(),),
        "sha1": (hashlib.sha1(raw).hexdigest(),),
        "sha256": (hashlib.sha256(raw).hexdigest(),),
    }


def find_marker(sent: Iterable[Outgoing], marker: str) -> tuple[KeystrokeHit, ...]:
    """Every request carrying the marker, once per (host, encoding)."""
    forms = marker_forms(marker)
    hits: dict[tuple[str, str], KeystrokeHit] = {}
    for request in sent:
        plain = [("url", request.url), ("body", request.body)]
        decoded = [(f"body {how}", text) for how, text in request.texts()[1:]]
        for places in (plain, decoded):  # a body unwrapped only when the marker is not in it
            found = [(loc, enc) for loc, text in places for enc in _encodings_in(text, forms)]
            for location, encoding in found:
                hits.setdefault((request.host, encoding), _hit(request, encoding, location))
            if found:
                break
    return tuple(hits.values())


def _encodings_in(text: str, forms: dict[str, tuple[str, ...]]) -> list[str]:
    if not text:
        return []
    variants = {text, unquote_plus(text)}
    lowered = {v.lower() for v in variants}
    found = []
    for encoding, values in forms.items():
        haystack = variants if encoding == "base64" else lowered
        if any(value and value in hay for hay in haystack for value in values):
            found.append(encoding)
    return found


def _hit(request: Outgoing, encoding: str, location: str) -> KeystrokeHit:
    parts = urlsplit(request.url)
    where = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return KeystrokeHit(request.host, where, encoding, location, request.third_party, request.at)
