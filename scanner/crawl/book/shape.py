"""A request body's shape, for matching vendor protocols: its field names (JSON keys, form
fields) in the body as sent and in every view ``bodies.py`` unwrapped it into, and the values
of only the fields a signature tests. Bounded: a hostile body costs a capped parse."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from urllib.parse import parse_qsl

from scanner.crawl.book.bodies import BodyView, readable
from scanner.crawl.book.outgoing import Outgoing

MAX_KEYS = 64  # field names kept per body (besides the tested ones, always kept)
MAX_ITEMS = 512  # entries of one JSON object or form looked at
MAX_KEY = 64  # characters of a field name (longer: not a field name)
MAX_VALUE = 256  # characters of a tested value kept
MAX_PARSED = 2_000_000  # characters of one text parsed as JSON or a form
MAX_LINES = 64  # lines of a batched form body (one hit per line)
MAX_HOWS = 3  # decodings named
_FIELD = re.compile(r"^[A-Za-z0-9_$@.:\[\]-]+$")


@dataclass(frozen=True, slots=True)
class BodyShape:
    """A body's field names: as sent, and found only once decoded (and how it was decoded);
    the tested fields' values."""

    keys: tuple[str, ...] = ()
    decoded: tuple[str, ...] = ()
    how: str = ""  # how the decoded keys' views were decoded ("gzip-compressed")
    values: tuple[tuple[str, str], ...] = ()


def shape_of(sent: Outgoing, tested: frozenset[str]) -> BodyShape:
    """The shape of one request's body as sent and decoded (a WebSocket's frames: none)."""
    if sent.method == "WEBSOCKET" or not sent.body:
        return BodyShape()
    return body_shape(sent.body, sent.decoded, tested)


def body_shape(body: str, views: Iterable[BodyView], tested: frozenset[str]) -> BodyShape:
    """The shape of a body as sent (``body``) and of its decoded ``views``."""
    found = _Fields(tested)
    if readable(body):  # binary as sent (compressed) has no fields of its own
        found.take(body, "")
    sent = len(found.keys)
    for view in views:
        found.take(view.text, view.how)
    keys = tuple(found.keys)
    how = "; ".join(list(found.hows)[:MAX_HOWS])
    return BodyShape(keys[:sent], keys[sent:], how, tuple(found.values.items()))


class _Fields:
    """Field names in first-seen order, within MAX_KEYS; tested values, first one wins."""

    def __init__(self, tested: frozenset[str]) -> None:
        self.tested = tested
        self.keys: dict[str, None] = {}
        self.values: dict[str, str] = {}
        self.hows: dict[str, None] = {}  # the decoded views that gave new keys

    def take(self, text: str, how: str) -> None:
        """The fields of one text (JSON or a form), noting a decoded view that gave new ones."""
        if not text or len(text) > MAX_PARSED:
            return
        before = len(self.keys)
        stripped = text.strip()
        if stripped.startswith(("{", "[")):
            self._json(stripped)
        elif "=" in stripped.rstrip("="):  # not only base64 padding
            self._form(stripped)
        if how and len(self.keys) > before:
            self.hows.setdefault(how, None)

    def add(self, key: str, value: object) -> None:
        """One field; past MAX_KEYS names only the tested fields are still kept."""
        if key in self.tested:
            self.keys.setdefault(key, None)
            self.values.setdefault(key, _text(value)[:MAX_VALUE])
        elif len(self.keys) < MAX_KEYS and len(key) <= MAX_KEY and _FIELD.match(key):
            self.keys.setdefault(key, None)

    def _json(self, text: str) -> None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return
        if isinstance(data, list) and data:
            data = data[0]
        if not isinstance(data, dict):
            return
        for key, value in islice(data.items(), MAX_ITEMS):
            self.add(str(key), value)
            if isinstance(value, dict):
                for inner, item in islice(value.items(), MAX_ITEMS):
                    self.add(f"{key}.{inner}", item)

    def _form(self, text: str) -> None:
        """Form fields; a batched body has one form per line (GA4, Universal Analytics)."""
        for line in islice(text.splitlines(), MAX_LINES):
            head = "&".join(line.split("&", MAX_ITEMS)[:MAX_ITEMS])
            for key, value in parse_qsl(head, keep_blank_values=True):
                self.add(key, value)


def _text(value: object) -> str:
    """A field's value as text: a string as is, an array's first element, else JSON."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return ""
    return json.dumps(value)
