"""Hostile request bodies: compression bombs, nested and wrapped, stop at the bound, quickly;
bodies built to choke a JSON or form parser are read for their shape within bounds."""

from __future__ import annotations

import base64
import gzip
import json
import time
import tracemalloc
import zlib
from collections import Counter

import pytest

from scanner.crawl.book.bodies import MAX_DECODED, BodyView, decode_body
from scanner.crawl.book.shape import MAX_KEYS, body_shape
from scanner.crawl.collectors.api_calls import api_call_of
from scanner.crawl.collectors.recording import rrweb_event_types
from scanner.crawl.devtools.worker_hooks import worker_report

BIG = 40_000_000  # 40 MB of one letter deflates to about 40 kB: ten times the bound


def _bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"A" * 10_000_000
    return b"".join(packer.compress(chunk) for _ in range(BIG // len(chunk))) + packer.flush()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb()


@pytest.mark.parametrize(
    "wrap",
    [
        lambda b: (b, ""),
        lambda b: (b, "gzip"),
        lambda b: (gzip.compress(b), ""),
        lambda b: (base64.b64encode(b), ""),
        lambda b: (b"data=" + base64.urlsafe_b64encode(b), ""),
    ],
    ids=["magic", "content-encoding", "nested", "base64", "form-field"],
)
def test_a_compression_bomb_stops_at_the_bound(bomb: bytes, wrap: object) -> None:
    data, encoding = wrap(bomb)  # type: ignore[operator]
    tracemalloc.start()
    began = time.perf_counter()
    found = decode_body(data, encoding)
    took = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert found.opaque is not None and "stopped" in found.opaque
    assert sum(len(v.text) for v in found.views) <= MAX_DECODED
    assert took < 5.0 and peak < 12 * MAX_DECODED


def test_layers_inside_layers_stop_at_the_depth_bound() -> None:
    data = b'{"type":2}'
    for _ in range(40):
        data = gzip.compress(data)
    began = time.perf_counter()
    found = decode_body(data)
    assert len(found.views) <= 4 and time.perf_counter() - began < 1.0


@pytest.mark.parametrize(
    "body",
    [
        "[" * 1_900_000,  # nested past the recursion limit
        '{"a":' * 500_000 + "1" + "}" * 500_000,
        json.dumps({f"k{i}": i for i in range(100_000)}),  # 1.5 MB of keys
        "&".join(f"f{i}=1" for i in range(200_000)),  # a form of 200 000 fields
        "\n".join("en=x&v=2" for _ in range(200_000)),  # 200 000 batched lines
        '{"big": ' + "9" * 100_000 + "}",  # an integer past Python's digit limit
    ],
    ids=["deep-array", "deep-object", "wide-object", "wide-form", "many-lines", "huge-int"],
)
def test_a_hostile_body_shape_is_read_within_bounds(body: str) -> None:
    tested = frozenset({"api_key", "v"})
    began = time.perf_counter()
    shape = body_shape(body, (BodyView("gzip-compressed", body),), tested)
    assert time.perf_counter() - began < 5.0
    assert len(shape.keys) + len(shape.decoded) <= MAX_KEYS + len(tested)


def test_json_nested_past_the_parsers_depth_is_no_error_anywhere_a_page_sends_json() -> None:
    deep = "[" * 100_000
    assert rrweb_event_types(deep) == Counter()
    assert (
        api_call_of("canvas.read", "https://x.test/a.js", deep, "https://x.test/", 1).detail == ()
    )
    assert worker_report(deep, "https://x.test/w.js", {"call": 1}) is None
