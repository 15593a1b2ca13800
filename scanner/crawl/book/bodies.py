"""A request body as it was sent, unwrapped within bounds: Content-Encoding, gzip / zlib / raw
deflate, base64, multipart/form-data and form fields, so that what a script compressed or
wrapped can be searched like a plain body (a hostile body cannot stall or exhaust the scan)."""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

MAX_DECODED = 4_000_000  # characters of decoded views per body, all layers together
MAX_LAYERS = 4  # wrappings undone one inside another (base64 of gzip of ...)
MAX_PARTS = 64  # form fields or multipart parts looked into
MIN_WRAPPED = 16  # shorter base64 / form values are not worth unwrapping
_CHUNK = 65_536
_B64 = re.compile(rb"^[A-Za-z0-9+/_-]+={0,2}$")
_BOUNDARY = re.compile(r"boundary=\"?([^\";]+)\"?", re.IGNORECASE)
_COMPRESSED = {"gzip": ("gzip", 31), "x-gzip": ("gzip", 31), "deflate": ("deflated", 15)}


@dataclass(frozen=True, slots=True)
class BodyView:
    """One decoded view of a body and how it was reached ("deflated", "base64, gzip")."""

    how: str
    text: str

    @property
    def phrase(self) -> str:
        """How a reader is told where something was found: ``in a deflated body``."""
        return f"in a {self.how} body"


@dataclass(slots=True)
class _Budget:
    left: int = MAX_DECODED
    exhausted: bool = False

    def take(self, size: int) -> int:
        """How many characters of ``size`` may still be decoded."""
        allowed = max(0, min(size, self.left))
        self.left -= allowed
        self.exhausted = self.exhausted or allowed < size
        return allowed


@dataclass(frozen=True, slots=True)
class DecodedBody:
    """The views a body was unwrapped into, and why it stayed (partly) unread, if it did."""

    views: tuple[BodyView, ...] = ()
    opaque: str | None = None
    size: int = 0  # characters of the bound used


@dataclass(slots=True)
class _Walk:
    budget: _Budget = field(default_factory=_Budget)
    views: list[BodyView] = field(default_factory=list)
    unread: bool = False


def decode_body(
    data: bytes | None, content_encoding: str = "", content_type: str = "", limit: int = MAX_DECODED
) -> DecodedBody:
    """Every view a body unwraps into (not the plain body itself), within the bounds above.

    ``opaque`` says why the body, or a part of it, could not be read: binary that no known
    wrapping explains, or the size bound reached (a compression bomb stops there).
    """
    if not data:
        return DecodedBody()
    walk = _Walk(_Budget(limit))
    encoding = content_encoding.strip().lower()
    if encoding in _COMPRESSED:
        how, wbits = _COMPRESSED[encoding]
        inflated = _inflate(data, wbits, walk.budget) or (
            _inflate(data, -15, walk.budget) if wbits == 15 else None
        )
        if inflated is not None:
            _record(inflated, (how,), walk, 1)
    elif encoding and encoding != "identity":
        walk.unread = True  # br, zstd: not decoded
    else:
        _unwrap(data, (), walk, 0, content_type)
    return DecodedBody(tuple(walk.views), _opaque(walk), limit - walk.budget.left)


def _opaque(walk: _Walk) -> str | None:
    if walk.budget.exhausted:
        return "decoding stopped at its size bound (a compression bomb?)"
    return "binary that no known encoding explains" if walk.unread else None


def _unwrap(data: bytes, how: tuple[str, ...], walk: _Walk, depth: int, ctype: str = "") -> None:
    """Undo the outer wrapping of ``data`` (compression, base64, multipart, form fields)."""
    if depth >= MAX_LAYERS or walk.budget.exhausted:
        return
    for name, wbits in _magic(data):
        inflated = _inflate(data, wbits, walk.budget)
        if inflated is not None:
            _record(inflated, (*how, name), walk, depth + 1)
            return
    multipart = "multipart/form-data" in ctype.lower() or data.startswith(b"--")
    if multipart and _multipart(data, ctype, how, walk, depth):
        return
    text = _text(data)
    if text is None:
        walk.unread = True
        return
    stripped = data.strip()
    if len(stripped) >= MIN_WRAPPED and _B64.match(stripped) and not stripped.isdigit():
        raw = _b64(stripped)
        if raw is not None and (_magic(raw) or _text(raw) is not None):
            _record(raw, (*how, "base64"), walk, depth + 1)
            return
    if "=" in text and not text.lstrip().startswith(("{", "[")):
        _form_fields(text, how, walk, depth)


def _record(data: bytes, how: tuple[str, ...], walk: _Walk, depth: int) -> None:
    """Keep ``data`` as a view when it is text, then look inside it again."""
    taken = walk.budget.take(len(data))
    text = _text(data[:taken])
    if text is not None and taken:
        walk.views.append(BodyView(_label(how), text))
    _unwrap(data[:taken], how, walk, depth)


def _label(how: tuple[str, ...]) -> str:
    """``("base64", "gzip")`` -> ``gzip-compressed, base64-wrapped``."""
    names = {"gzip": "gzip-compressed", "zlib": "deflated", "deflated": "deflated",
             "base64": "base64-wrapped", "multipart": "multipart"}  # fmt: skip
    words = [names.get(h, h) for h in reversed(how)]
    return ", ".join(dict.fromkeys(words))


def _magic(data: bytes) -> list[tuple[str, int]]:
    """The compressions ``data`` may be: gzip and zlib by their header; raw deflate when the
    bytes are not text (it has no header)."""
    if data[:2] == b"\x1f\x8b":
        return [("gzip", 31)]
    if len(data) > 2 and data[0] & 0x0F == 8 and (data[0] * 256 + data[1]) % 31 == 0:
        return [("zlib", 15)]
    return [("deflated", -15)] if _text(data) is None else []


def _inflate(data: bytes, wbits: int, budget: _Budget) -> bytes | None:
    """``data`` decompressed, in chunks, no further than the budget allows; None if it is not
    a whole valid stream of that kind (or gives nothing)."""
    inflater = zlib.decompressobj(wbits)
    out: list[bytes] = []
    size = 0
    try:
        chunk = inflater.decompress(data, _CHUNK)
        while chunk:
            size += len(chunk)
            out.append(chunk)
            if size > budget.left:
                budget.exhausted = True
                return b"".join(out)[: budget.left] or None
            chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    except zlib.error:
        return None
    return b"".join(out) if out and inflater.eof else None


def _text(data: bytes) -> str | None:
    """``data`` as text when it is UTF-8 (a few stray bytes allowed), else None."""
    if not readable(data[:4096].decode("utf-8", errors="replace")):
        return None
    return data.decode("utf-8", errors="replace")


def readable(text: str) -> bool:
    """Whether decoded ``text`` reads as text (a few stray bytes allowed), not as binary."""
    sample = text[:4096]
    bad = sample.count("\ufffd") + sum(1 for c in sample if c < " " and c not in "\t\r\n")
    return bad <= max(2, len(sample) // 50)


def _b64(data: bytes) -> bytes | None:
    padded = data + b"=" * (-len(data) % 4)
    try:
        return base64.b64decode(padded.replace(b"-", b"+").replace(b"_", b"/"), validate=True)
    except (binascii.Error, ValueError):
        return None


def _multipart(data: bytes, ctype: str, how: tuple[str, ...], walk: _Walk, depth: int) -> bool:
    found = _BOUNDARY.search(ctype)
    boundary = found.group(1).encode() if found else data.split(b"\r\n", 1)[0][2:]
    if not boundary:
        return False
    parts = data.split(b"--" + boundary)[1 : MAX_PARTS + 1]
    for part in parts:
        content = part.partition(b"\r\n\r\n")[2]
        if content:
            _record(content.removesuffix(b"\r\n"), (*how, "multipart"), walk, depth + 1)
    return bool(parts)


def _form_fields(text: str, how: tuple[str, ...], walk: _Walk, depth: int) -> None:
    """Values of an urlencoded form that are themselves wrapped (base64, JSON) or compressed."""
    pairs = parse_qsl(text, keep_blank_values=False)[:MAX_PARTS]
    for name, value in pairs:
        if len(value) < MIN_WRAPPED:
            continue
        label = (*how, f"form field '{name[:40]}'")
        if value.lstrip().startswith(("{", "[")):
            if taken := walk.budget.take(len(value)):
                walk.views.append(BodyView(_label(label), value[:taken]))
        else:
            _unwrap(value.encode("utf-8", errors="replace"), label, walk, depth + 1)
