"""A body's shape: field names of JSON and forms, as sent and once decoded, within bounds."""

from __future__ import annotations

import json

from scanner.crawl.book.bodies import BodyView
from scanner.crawl.book.shape import MAX_KEYS, BodyShape, body_shape

TESTED = frozenset({"api_key", "properties.token", "v"})


def _shape(body: str, *views: BodyView) -> BodyShape:
    return body_shape(body, views, TESTED)


def test_json_keys_at_the_top_one_level_down_and_of_a_first_array_element() -> None:
    body = json.dumps([{"event": "x", "properties": {"token": "t1", "n": 2}}, {"other": 1}])
    shape = _shape(body)
    assert shape.keys == ("event", "properties", "properties.token", "properties.n")
    assert dict(shape.values) == {"properties.token": "t1"}


def test_form_fields_and_one_form_per_line() -> None:
    shape = _shape("v=2&tid=G-1&cid=5\r\nen=page_view&_et=9\nen=scroll")
    assert shape.keys == ("v", "tid", "cid", "en", "_et")
    assert dict(shape.values) == {"v": "2"}


def test_values_become_text_as_written() -> None:
    tested = frozenset({"a", "b", "c", "d", "e"})
    body = json.dumps({"a": 7, "b": True, "c": ["x", "y"], "d": {"k": 1}, "e": None})
    assert dict(body_shape(body, (), tested).values) == {
        "a": "7", "b": "true", "c": "x", "d": "", "e": "null",
    }  # fmt: skip


def test_keys_found_only_once_decoded_are_apart_with_how() -> None:
    view = BodyView("gzip-compressed", json.dumps({"api_key": "phc_1", "batch": []}))
    shape = _shape("\x1f\ufffd\x08binary", view)
    assert (shape.keys, shape.decoded, shape.how) == ((), ("api_key", "batch"), "gzip-compressed")
    form = _shape("data=eyJ...", BodyView("base64-wrapped, form field 'data'", '{"api_key":"k"}'))
    assert (form.keys, form.decoded) == (("data",), ("api_key",))
    repeated = _shape('{"api_key":"k"}', BodyView("deflated", '{"api_key":"k"}'))
    assert (repeated.decoded, repeated.how) == ((), "")


def test_text_that_is_neither_json_nor_a_form_has_no_fields() -> None:
    for body in ("hello world", "aGVsbG8gd29ybGQ=", '"just a string"', "[1, 2]", "{not json"):
        assert _shape(body) == BodyShape()


def test_names_are_bounded_but_a_tested_field_past_the_bound_is_still_found() -> None:
    wide = {f"k{i}": i for i in range(400)}  # within MAX_ITEMS looked at
    wide["api_key"] = "phc_late"
    shape = _shape(json.dumps(wide))
    assert len(shape.keys) == MAX_KEYS + 1 and shape.keys[-1] == "api_key"
    assert dict(shape.values) == {"api_key": "phc_late"}


def test_what_is_not_a_field_name_is_not_kept() -> None:
    shape = _shape(json.dumps({"a b": 1, "<img src=x>": 2, "x" * 200: 3, "ok_name": 4}))
    assert shape.keys == ("ok_name",)


def test_a_tested_value_is_cut() -> None:
    shape = _shape(json.dumps({"api_key": "phc_" + "x" * 10_000}))
    assert len(dict(shape.values)["api_key"]) == 256


def test_binary_as_sent_has_no_fields_of_its_own() -> None:
    binary = "\x1f\ufffd\x08\x00\ufffd=\ufffdMCi.\ufffd\x03\ufffd&\ufffd=\ufffd\x02" * 20
    view = BodyView("gzip-compressed", '{"api_key":"phc_1"}')
    assert _shape(binary, view) == BodyShape(
        (), ("api_key",), "gzip-compressed", (("api_key", "phc_1"),)
    )
