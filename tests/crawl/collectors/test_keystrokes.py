"""Key logging: the typed marker found in requests, plain, URL-encoded, base64 or hashed."""

from __future__ import annotations

import base64
import hashlib
import json
from urllib.parse import quote

import pytest

from scanner.crawl.book.outgoing import Outgoing
from scanner.crawl.collectors.keystrokes.marker import (
    MARKER_PREFIX,
    find_marker,
    marker_forms,
    new_marker,
)

MARKER = "cskey0123456789ab"
B64_JSON = base64.b64encode(b'{"v":"' + MARKER.encode() + b'"}').decode()
B64_URLSAFE = base64.urlsafe_b64encode(b"ab" + MARKER.encode()).decode()


def sent(url: str, body: str = "") -> Outgoing:
    return Outgoing(url, url.split("/")[2], "POST", body, True, 3.0)


@pytest.mark.parametrize(
    ("url", "body", "encoding", "location"),
    [
        (f"https://k.test/p?v={MARKER}", "", "plain", "url"),
        ("https://k.test/p", quote(json.dumps({"typed": MARKER})), "plain", "body"),
        (
            "https://k.test/p",
            base64.b64encode(b'{"v":"' + MARKER.encode() + b'"}').decode(),
            "base64",
            "body",
        ),
        (
            "https://k.test/p",
            base64.urlsafe_b64encode(b"ab" + MARKER.encode()).decode(),
            "base64",
            "body",
        ),
        ("https://k.test/p", hashlib.sha256(MARKER.encode()).hexdigest(), "sha256", "body"),
        (f"https://k.test/p?h={hashlib.md5(MARKER.encode()).hexdigest()}", "", "md5", "url"),
    ],
)
def test_the_marker_is_found_in_every_encoding(
    url: str, body: str, encoding: str, location: str
) -> None:
    (hit,) = find_marker([sent(url, body)], MARKER)
    assert (hit.host, hit.url, hit.encoding, hit.location) == (
        "k.test", "https://k.test/p", encoding, location,
    )  # fmt: skip


def test_nothing_is_found_without_the_marker() -> None:
    other = new_marker()
    body = base64.b64encode(other.encode()).decode()
    assert find_marker([sent(f"https://k.test/?q={other}", body)], MARKER) == ()


def test_one_hit_per_host_and_encoding() -> None:
    requests = [sent(f"https://k.test/a?v={MARKER}"), sent("https://k.test/b", MARKER)]
    assert len(find_marker(requests, MARKER)) == 1


def test_markers_are_unique_and_base64_forms_cover_all_alignments() -> None:
    assert new_marker() != new_marker() and new_marker().startswith(MARKER_PREFIX)
    assert len(marker_forms(MARKER)["base64"]) >= 3
