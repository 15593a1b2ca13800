"""A beacon DevTools reported with its body keeps that body (bounded), for its shape."""

from __future__ import annotations

import base64

from scanner.crawl.book.outgoing import MAX_BODY
from scanner.crawl.collectors.beacons import beacon_body


def test_the_body_comes_from_the_post_data_entries_in_order() -> None:
    entries = [{"bytes": base64.b64encode(b"v=2&tid=G-1").decode()},
               {"bytes": base64.b64encode(b"\r\nen=page_view").decode()}]  # fmt: skip
    assert beacon_body({"postDataEntries": entries}) == b"v=2&tid=G-1\r\nen=page_view"


def test_plain_post_data_when_there_are_no_entries() -> None:
    assert beacon_body({"postData": '{"n":"pageview"}'}) == b'{"n":"pageview"}'
    assert beacon_body({"hasPostData": False}) is None


def test_a_broken_or_huge_body_is_bounded() -> None:
    assert beacon_body({"postDataEntries": [{"bytes": "@@not base64@@"}, "junk"]}) is None
    huge = base64.b64encode(b"a" * (MAX_BODY + 10_000)).decode()
    assert (
        len(beacon_body({"postDataEntries": [{"bytes": huge}, {"bytes": huge}]}) or b"") == MAX_BODY
    )
