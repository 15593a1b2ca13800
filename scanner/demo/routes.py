"""Per-host ``_routes.yaml``: validated exact-path dynamic responses for the local site server."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import yaml

from scanner.errors import ConfigError

ROUTES_FILE = "_routes.yaml"
RAND_TOKEN = "{rand}"
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


@dataclass(frozen=True, slots=True)
class Route:
    """A dynamic response for one exact path of one host."""

    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    content_type: str | None = None
    delay_ms: int = 0
    redirect: str | None = None
    repeat_ms: int = 0  # > 0: the body is sent again every repeat_ms, endlessly (a stream)

    def rendered_headers(self) -> list[tuple[str, str]]:
        """The headers to send, each ``{rand}`` replaced by a fresh random token."""
        return [(name, _fill_rand(value)) for name, value in self.headers]


def _fill_rand(value: str) -> str:
    return re.sub(re.escape(RAND_TOKEN), lambda _: secrets.token_hex(8), value)


def _is_int_in(low: int, high: int) -> Callable[[object], bool]:
    return lambda v: type(v) is int and low <= v <= high


def _is_header_value(value: object) -> bool:
    return isinstance(value, str) and not any(c in value for c in "\r\n\0")


def _is_headers(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    for name, item in value.items():
        items = item if isinstance(item, list) else [item]
        valid_name = isinstance(name, str) and _HEADER_NAME.match(name) is not None
        if not valid_name or not items or not all(_is_header_value(i) for i in items):
            return False
    return True


_CHECKS: dict[str, tuple[Callable[[object], bool], str]] = {
    "status": (_is_int_in(100, 599), "an integer from 100 to 599"),
    "headers": (_is_headers, "a mapping of header names to a string or a list of strings"),
    "body": (lambda v: isinstance(v, str | bytes), "a string (or !!binary)"),
    "content_type": (_is_header_value, "a one-line string"),
    "delay_ms": (_is_int_in(0, 60_000), "an integer from 0 to 60000"),
    "redirect": (_is_header_value, "a one-line path or URL"),
    "repeat_ms": (_is_int_in(1, 60_000), "an integer from 1 to 60000"),
}


def load_routes(path: Path) -> dict[str, Route]:
    """Read and validate a routes file; a missing file means no routes.

    Raises ``ConfigError`` naming ``file:line``, the route and the key.
    """
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    lines = _key_lines(path, text)
    data = yaml.safe_load(text)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("must be a mapping of paths to routes", f"{path}:1")
    return {
        str(key): _route(value, f"route {key!r}", f"{path}:{lines.get(str(key), 1)}")
        for key, value in data.items()
    }


def _key_lines(path: Path, text: str) -> dict[str, int]:
    """Line of each top-level key; rejects invalid YAML, duplicates and non-path keys."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ConfigError(f"invalid YAML: {getattr(e, 'problem', e)}", f"{path}:{line}") from e
    lines: dict[str, int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key_node, _ in root.value:
        line, key = key_node.start_mark.line + 1, str(key_node.value)
        if not key.startswith("/"):
            raise ConfigError(f"route path {key!r} must start with '/'", f"{path}:{line}")
        if key in lines:
            raise ConfigError(f"duplicate route {key!r}", f"{path}:{line}")
        lines[key] = line
    return lines


def _route(value: object, what: str, where: str) -> Route:
    if value is None:
        return Route()
    if not isinstance(value, dict):
        raise ConfigError(f"{what} must be a mapping of {', '.join(_CHECKS)}", where)
    for key, item in value.items():
        if key not in _CHECKS:
            allowed = ", ".join(_CHECKS)
            raise ConfigError(f"{what}: unknown key {key!r} (allowed: {allowed})", where)
        check, expected = _CHECKS[key]
        if not check(item):
            raise ConfigError(f"{what}: {key!r} must be {expected}, got {item!r}", where)
    return _build(value, what, where)


def _build(value: dict[str, object], what: str, where: str) -> Route:
    redirect = value.get("redirect")
    status = value.get("status", 302 if redirect is not None else None)
    if redirect is not None and not (isinstance(status, int) and 300 <= status <= 399):
        raise ConfigError(f"{what}: a redirect needs a 3xx 'status', got {status!r}", where)
    body, content_type = value.get("body"), value.get("content_type")
    return Route(
        status=status if isinstance(status, int) else None,
        headers=_header_pairs(value.get("headers")),
        body=body.encode("utf-8") if isinstance(body, str) else cast("bytes | None", body),
        content_type=content_type if isinstance(content_type, str) else None,
        delay_ms=cast(int, value.get("delay_ms", 0)),
        redirect=redirect if isinstance(redirect, str) else None,
        repeat_ms=cast(int, value.get("repeat_ms", 0)),
    )


def _header_pairs(raw: object) -> tuple[tuple[str, str], ...]:
    """Flatten a validated headers mapping; a list value repeats the header."""
    mapping = cast("dict[str, str | list[str]]", raw or {})
    return tuple(
        (name, item)
        for name, items in mapping.items()
        for item in (items if isinstance(items, list) else [items])
    )
