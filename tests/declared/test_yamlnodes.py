"""Tests for scanner.declared.yamlnodes: located, typed access to YAML nodes."""

from __future__ import annotations

import pytest

from scanner.declared.yamlnodes import NodeReader, absent, compose, kind, line_of, present
from scanner.errors import ConfigError


def test_compose_keeps_lines() -> None:
    root = compose("a: 1\nb:\n  - x\n", "f.yaml")
    assert root is not None
    reader = NodeReader("f.yaml", lambda message: None)
    fields = reader.mapping(root, "", ("a", "b"))
    assert line_of(fields["a"]) == 1
    items = reader.sequence(fields["b"], "b")
    assert [line_of(i) for i in items] == [3]
    assert reader.string(items[0], "b[0]") == "x"


def test_compose_of_nothing_is_none() -> None:
    assert compose("# nothing\n", "f.yaml") is None


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("{}", "a mapping"),
        ("[]", "a list"),
        ("'x'", "a string"),
        ("1", "an integer"),
        ("1.5", "a number"),
        ("true", "a boolean"),
        ("~", "nothing"),
        ("2024-01-02", "a date"),
    ],
)
def test_kind_describes_nodes(text: str, description: str) -> None:
    node = compose(text, "f.yaml")
    assert node is not None
    assert kind(node) == description


def test_absent_and_present() -> None:
    root = compose("a:\nb: ''\n", "f.yaml")
    assert root is not None
    fields = NodeReader("f.yaml", print).mapping(root, "", ("a", "b"))
    assert absent(fields["a"]) and absent(None) and not absent(fields["b"])
    assert present(fields, "a") is None and present(fields, "missing") is None
    assert present(fields, "b") is fields["b"]


def test_required_and_error_location() -> None:
    root = compose("\n\nitem:\n  x: 1\n", "f.yaml")
    assert root is not None
    reader = NodeReader("f.yaml", print)
    item = reader.mapping(root, "", ("item",))["item"]
    fields = reader.mapping(item, "item", ("x", "y"))
    with pytest.raises(ConfigError) as info:
        reader.required(item, fields, "y", "item")
    assert (str(info.value), info.value.location) == (
        "f.yaml:4: item: missing required key 'y'",
        "f.yaml:4",
    )


def test_reader_error_without_key_path() -> None:
    root = compose("[1]", "f.yaml")
    assert root is not None
    error = NodeReader("f.yaml", print).error(root, "", "bad")
    assert str(error) == "f.yaml:1: bad"
