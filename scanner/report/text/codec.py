"""Convert the frozen model records to JSON-ready values and back, driven by their type hints.

Field names in JSON are the dataclass field names. Enums become their values, tuples become
lists, and key/value pair tuples (``tuple[tuple[str, str], ...]``, e.g. evidence and settings)
become JSON objects. Non-finite floats become ``null`` so the output is always valid JSON.
A converter is built once per type and cached, so large scans convert quickly.
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable
from dataclasses import MISSING, fields, is_dataclass
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from scanner.errors import ConfigError

PAIRS = tuple[tuple[str, str], ...]
Convert = Callable[[Any], Any]


class DecodeError(ConfigError):
    """A report does not match the model; ``location`` names the JSON path, e.g. ``$.states[0]``."""


class _Invalid(Exception):
    """A decoding problem; containers prepend their path segment while it propagates."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message, self.path = message, ""


def encode(value: Any) -> Any:
    """A JSON-ready copy of a model record (or enum, tuple, scalar)."""
    kind: Any = type(value)
    return _encoder(kind)(value)


def decode(hint: Any, value: Any) -> Any:
    """Rebuild a value of type ``hint`` from JSON data; DecodeError names the bad path."""
    try:
        return _decoder(hint)(value)
    except _Invalid as e:
        raise DecodeError(e.message, location="$" + e.path) from None


def pairs_to_object(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Key/value pairs as an object; a repeated key gets a ``#2``, ``#3`` … suffix."""
    out: dict[str, str] = {}
    for key, value in pairs:
        name, n = key, 2
        while name in out:
            name, n = f"{key}#{n}", n + 1
        out[name] = value
    return out


def _identity(value: Any) -> Any:
    return value


def _optional_args(hint: Any) -> Any | None:
    """X for ``X | None``; None for any other hint."""
    if get_origin(hint) not in (Union, types.UnionType):
        return None
    return next(a for a in get_args(hint) if a is not type(None))


@cache
def _encoder(hint: Any) -> Convert:
    inner = _optional_args(hint)
    if inner is not None:
        enc = _encoder(inner)
        return lambda v: None if v is None else enc(v)
    if hint == PAIRS:
        return pairs_to_object
    if get_origin(hint) is tuple or hint is tuple:
        item = _encoder(get_args(hint)[0]) if get_args(hint) else encode
        return lambda v: [item(x) for x in v]
    if isinstance(hint, type) and is_dataclass(hint):
        return _record_encoder(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda v: v.value
    if hint is float:
        return lambda v: v if math.isfinite(v) else None
    return _identity


def _record_encoder(cls: type) -> Convert:
    hints = get_type_hints(cls)
    # A field marked metadata={"json": False} is a setting, not a record: it stays out of reports.
    plan = [(f.name, _encoder(hints[f.name])) for f in fields(cls) if f.metadata.get("json", True)]
    return lambda obj: {name: enc(getattr(obj, name)) for name, enc in plan}


@cache
def _decoder(hint: Any) -> Convert:
    inner = _optional_args(hint)
    if inner is not None:
        dec = _decoder(inner)
        return lambda v: None if v is None else dec(v)
    if hint == PAIRS:
        return _decode_pairs
    if get_origin(hint) is tuple:
        return _tuple_decoder(_decoder(get_args(hint)[0]))
    if isinstance(hint, type) and is_dataclass(hint):
        return _record_decoder(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_decoder(hint)
    return _scalar_decoder(hint)


def _tuple_decoder(item: Convert) -> Convert:
    def decode_tuple(value: Any) -> tuple[Any, ...]:
        out = []
        for i, x in enumerate(_expect(value, list)):
            try:
                out.append(item(x))
            except _Invalid as e:
                e.path = f"[{i}]{e.path}"
                raise
        return tuple(out)

    return decode_tuple


def _decode_pairs(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple((k, _expect(v, str, f".{k}")) for k, v in _expect(value, dict).items())


def _record_decoder(cls: type) -> Convert:
    hints = get_type_hints(cls)
    plan = [
        (f.name, _decoder(hints[f.name]), f.default is MISSING and f.default_factory is MISSING)
        for f in fields(cls)
    ]

    def decode_record(value: Any) -> Any:
        data, kwargs = _expect(value, dict), dict[str, Any]()
        for name, dec, required in plan:
            if name in data:
                try:
                    kwargs[name] = dec(data[name])
                except _Invalid as e:
                    e.path = f".{name}{e.path}"
                    raise
            elif required:
                raise _Invalid(f"missing key {name!r}")
        return cls(**kwargs)

    return decode_record


def _enum_decoder(cls: type[Enum]) -> Convert:
    by_value = {m.value: m for m in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def decode_enum(value: Any) -> Enum:
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        raise _Invalid(f"{value!r} is not one of {allowed}")

    return decode_enum


def _scalar_decoder(hint: Any) -> Convert:
    if hint is float:
        return lambda v: float(_expect(v, (int, float))) if type(v) is not float else v
    return lambda v: _expect(v, hint)


def _expect(value: Any, kind: type | tuple[type, ...], path: str = "") -> Any:
    """``value`` if it is an instance of ``kind`` (a bool is never an int or a float)."""
    if isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool):
        return value
    names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
    error = _Invalid(f"expected {names}, got {type(value).__name__}")
    error.path = path
    raise error
