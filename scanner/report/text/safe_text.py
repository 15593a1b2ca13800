"""Neutralise control characters in site-controlled text before it reaches a human."""

from __future__ import annotations

import unicodedata

# Control, format (bidi overrides, zero-width), surrogate and line/paragraph separator characters.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
ELLIPSIS = "…"


def clean(value: str, limit: int | None = None) -> str:
    """``value`` on one line with control characters shown as escapes, cut to ``limit`` chars.

    ``"\\x1b[31m"`` becomes the visible text ``\\x1b[31m``; a newline becomes ``\\n``.
    """
    if limit is not None:
        value = value[: limit * 6]  # bound the work before escaping
    if not value.isprintable():
        value = "".join(_escape(c) for c in value)
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)] + ELLIPSIS
    return value


def _escape(char: str) -> str:
    if unicodedata.category(char) not in _ESCAPED_CATEGORIES:
        return char
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
