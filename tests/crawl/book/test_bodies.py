"""Request bodies unwrapped as sent: compression, base64, multipart, form fields."""

from __future__ import annotations

import base64
import gzip
import zlib

from scanner.crawl.book.bodies import decode_body
from scanner.crawl.book.outgoing import outgoing
from scanner.crawl.collectors.keystrokes.marker import find_marker
from scanner.crawl.collectors.recording import detect_recording
from scanner.knowledge.recorders import bundled_recorders

EVENTS = (
    b'{"events":[{"type":2,"data":{"node":{}},"timestamp":1},'
    b'{"type":3,"data":{"text":"%s"},"timestamp":2}]}'
)
MARKER = "cskey0123456789ab"
PAYLOAD = EVENTS % MARKER.encode()


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _views(data: bytes, encoding: str = "", ctype: str = "") -> list[tuple[str, str]]:
    return [(v.how, v.text) for v in decode_body(data, encoding, ctype).views]


def test_each_wrapping_is_undone_and_named() -> None:
    text = PAYLOAD.decode()
    assert _views(_raw_deflate(PAYLOAD)) == [("deflated", text)]
    assert _views(zlib.compress(PAYLOAD)) == [("deflated", text)]
    assert _views(gzip.compress(PAYLOAD)) == [("gzip-compressed", text)]
    assert _views(gzip.compress(PAYLOAD), "gzip") == [("gzip-compressed", text)]
    wrapped = base64.b64encode(gzip.compress(PAYLOAD))
    assert _views(wrapped) == [("gzip-compressed, base64-wrapped", text)]
    form = b"data=" + base64.urlsafe_b64encode(PAYLOAD) + b"&v=1"
    assert _views(form) == [("base64-wrapped, form field 'data'", text)]


def test_multipart_parts_are_read() -> None:
    part = b'Content-Disposition: form-data; name="blob"; filename="b"\r\n\r\n'
    body = b"--XyZ\r\n" + part + gzip.compress(PAYLOAD) + b"\r\n--XyZ--\r\n"
    assert _views(body, ctype="multipart/form-data; boundary=XyZ") == [
        ("gzip-compressed, multipart", PAYLOAD.decode())
    ]


def test_plain_bodies_have_no_views_and_unknown_binary_is_opaque() -> None:
    assert decode_body(b'{"a": 1}') == decode_body(b"q=tea&page=2") == decode_body(None)
    assert decode_body(b'{"a": 1}').views == () and decode_body(b"q=tea").opaque is None
    assert decode_body(bytes(range(256)) * 8).opaque == "binary that no known encoding explains"
    assert decode_body(b"abc", "br").opaque == "binary that no known encoding explains"


def test_the_marker_and_recording_are_found_in_a_deflated_upload_and_say_so() -> None:
    sent = outgoing(
        "https://rec.test/upload", "rec.test", "POST", _raw_deflate(PAYLOAD),
        {"content-type": "application/octet-stream"}, True, 1.0, None,
    )  # fmt: skip
    (hit,) = find_marker([sent], MARKER)
    assert (hit.encoding, hit.location) == ("plain", "body in a deflated body")
    (found,) = detect_recording([sent], [], bundled_recorders())
    assert "FullSnapshot x1" in found.evidence and found.evidence.endswith("(in a deflated body)")


def test_an_unreadable_body_is_said_in_the_evidence() -> None:
    junk = outgoing(
        "https://rec.test/u", "rec.test", "POST", bytes(range(256)) * 8, {}, True, 1, None
    )
    rrweb = outgoing("https://rec.test/u", "rec.test", "POST", PAYLOAD, {}, True, 1.0, None)
    (found,) = detect_recording([rrweb, junk], [], bundled_recorders())
    assert found.evidence.endswith("; 1 body(ies) not read: binary that no known encoding explains")
