"""Typed access to PyYAML nodes in which every problem is a ``ConfigError`` at file:line."""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scanner.errors import ConfigError
from scanner.model.durations import parse_duration

Warn = Callable[[str], None]
MAX_DEPTH = 50
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: no recursion

_KINDS = {"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean"}
_KINDS |= {"null": "nothing", "timestamp": "a date", "binary": "binary data"}
_DOMAIN = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")
_DOMAIN_GLOB = re.compile(r"[a-z0-9_.*?!\[\]-]+")


def compose(text: str, path: str) -> Node | None:
    """The YAML node tree of ``text``; syntax errors become ``ConfigError`` at their line.

    Nesting deeper than MAX_DEPTH is refused at its line before the (recursive) composer runs.
    """
    try:
        _check_depth(text, path)
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"{path}:{mark.line + 1}" if mark else path
        detail = ", ".join(part for part in (e.context, e.problem) if part)
        raise ConfigError(f"invalid YAML: {detail}", location=where) from e
    except RecursionError as e:  # deep nesting before a syntax error the first pass skipped
        raise ConfigError(f"nested more than {MAX_DEPTH} levels deep", location=path) from e
    except yaml.YAMLError as e:
        position = getattr(e, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        where = f"{path}:{line}" if line else path
        raise ConfigError(f"invalid YAML: {getattr(e, 'reason', e)}", location=where) from e


def _check_depth(text: str, path: str) -> None:
    """Walk the YAML events (no recursion) and fail at the first collection nested too deep.

    Other syntax errors are left to the composer, whose messages are the documented ones.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(path, event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as e:  # only a nesting error is ours to report
        if isinstance(e, yaml.MarkedYAMLError) and "depth" in str(e.problem):
            raise _too_deep(path, e.problem_mark) from e  # libyaml's own nesting limit


def _too_deep(path: str, mark: Any) -> ConfigError:
    """The error for nesting too deep, at ``mark``'s line (a PyYAML or a libyaml mark)."""
    where = f"{path}:{mark.line + 1}" if mark is not None else path
    return ConfigError(f"nested more than {MAX_DEPTH} levels deep", location=where)


def tag(node: Node) -> str:
    """The short YAML tag of a node ("str", "int", "null", "map", ...)."""
    return node.tag.rsplit(":", 1)[-1]


def kind(node: Node) -> str:
    """What a node is, for messages: "a list", "a mapping", "an integer", ..."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _KINDS.get(tag(node), f"a value tagged {node.tag}")


def absent(node: Node | None) -> bool:
    """Whether an optional key is missing or empty (``key:`` with no value)."""
    return node is None or (isinstance(node, ScalarNode) and tag(node) == "null")


def present(fields: dict[str, Node], key: str) -> Node | None:
    """The value of an optional key, ``None`` when missing or empty."""
    node = fields.get(key)
    return None if absent(node) else node


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


class NodeReader:
    """Typed access to YAML nodes that turns every problem into a located ``ConfigError``."""

    def __init__(self, path: str, warn: Warn) -> None:
        self.path = path
        self.warn = warn

    def error(self, node: Node, where: str, message: str) -> ConfigError:
        """An error at ``node``'s line, prefixed with the key path ``where``."""
        text = f"{where}: {message}" if where else message
        return ConfigError(text, location=f"{self.path}:{line_of(node)}")

    def mapping(self, node: Node, where: str, allowed: tuple[str, ...]) -> dict[str, Node]:
        """The known keys of a mapping node; unknown keys warn, repeated keys fail."""
        if not isinstance(node, MappingNode):
            raise self.error(node, where, f"expected a mapping, got {kind(node)}")
        fields: dict[str, Node] = {}
        seen: set[str] = set()
        for key_node, value in node.value:
            key = self.string(key_node, where, "a key")
            if key in seen:
                raise self.error(key_node, where, f"key '{key}' appears twice")
            seen.add(key)
            if key in allowed:
                fields[key] = value
            else:
                self._unknown(key_node, key, where, allowed)
        return fields

    def _unknown(self, node: Node, key: str, where: str, allowed: tuple[str, ...]) -> None:
        """Warn about an ignored key, suggesting the closest known one."""
        message = f"{self.path}:{line_of(node)}: unknown key '{key}' in {where or 'the top level'}"
        close = get_close_matches(key.lower().replace("-", "_"), allowed, n=1)
        self.warn(message + " (ignored)" + (f"; did you mean '{close[0]}'?" if close else ""))

    def sequence(self, node: Node | None, where: str) -> list[Node]:
        """The items of a list node; a missing or empty value is an empty list."""
        if node is None or absent(node):
            return []
        if not isinstance(node, SequenceNode):
            raise self.error(node, where, f"expected a list ('- ' items), got {kind(node)}")
        return list(node.value)

    def string(self, node: Node, where: str, what: str = "a string") -> str:
        """The text of a string scalar (other scalars must be quoted)."""
        if isinstance(node, ScalarNode) and tag(node) == "str":
            return str(node.value)
        hint = " (put it in quotes)" if isinstance(node, ScalarNode) and node.value else ""
        raise self.error(node, where, f"expected {what}, got {kind(node)}{hint}")

    def required(self, item: Node, fields: dict[str, Node], key: str, where: str) -> Node:
        """The value of a required key; missing or empty fails."""
        if key not in fields:
            raise self.error(item, where, f"missing required key '{key}'")
        if absent(fields[key]):
            raise self.error(fields[key], f"{where}.{key}", "missing a value")
        return fields[key]

    def optional_text(self, fields: dict[str, Node], key: str, where: str) -> str:
        """The stripped text of an optional string key ("" when absent)."""
        node = present(fields, key)
        return "" if node is None else self.string(node, f"{where}.{key}").strip()

    def url(self, node: Node, where: str) -> str:
        """An http(s) URL with a host, e.g. 'https://www.example.com'."""
        text = self.string(node, where).strip()
        try:
            parts = urlsplit(text)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
        except ValueError:
            valid = False
        if not valid or any(c.isspace() for c in text):
            message = f"expected an http(s) URL such as 'https://www.example.com', got {text!r}"
            raise self.error(node, where, message)
        return text

    def lifetime(self, node: Node, where: str) -> tuple[int | None, str]:
        """A lifetime in seconds (``None``: session) and its text as written."""
        if not (isinstance(node, ScalarNode) and tag(node) in ("str", "int")):
            message = f"expected a lifetime such as '13 months' or 'session', got {kind(node)}"
            raise self.error(node, where, message)
        value: str | int = node.value
        if tag(node) == "int":
            value = SafeConstructor().construct_yaml_int(node)
        try:
            return parse_duration(value), str(node.value).strip()
        except ValueError as e:
            raise self.error(node, where, str(e)) from e

    def domain(self, node: Node, where: str, glob: bool) -> str:
        """A lower-case domain (or glob) without leading or trailing dots, IDNs in punycode."""
        text = self.string(node, where).strip().lower().strip(".")
        if "/" in text or ":" in text:
            raise self.error(node, where, f"expected a domain such as 'example.com', got {text!r}")
        try:
            ascii_text = text if text.isascii() else text.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_text = ""
        if not (_DOMAIN_GLOB if glob else _DOMAIN).fullmatch(ascii_text):
            what = "a domain or domain glob" if glob else "a domain"
            raise self.error(node, where, f"{text!r} is not {what}")
        return ascii_text
