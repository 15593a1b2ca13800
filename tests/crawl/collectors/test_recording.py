"""Session-recording detection by payload shape, serialised DOM and known vendor endpoints."""

from __future__ import annotations

import json

from scanner.crawl.book.outgoing import Outgoing, body_text
from scanner.crawl.collectors.api_calls import api_call_of
from scanner.crawl.collectors.recording import detect_recording, rrweb_event_types, serialises_dom
from scanner.knowledge.recorders import bundled_recorders

SNAPSHOT = {"type": 2, "data": {"node": {"type": 0, "childNodes": []}}, "timestamp": 1}
INPUT = {"type": 3, "data": {"source": 5, "text": "x"}, "timestamp": 2}


def sent(url: str, body: str = "", third: bool = True) -> Outgoing:
    host = url.split("/")[2]
    return Outgoing(url, host, "POST", body, third, 1.0, "https://rec.test/rec.js")


def test_rrweb_events_are_counted_wherever_they_sit_in_the_body() -> None:
    body = json.dumps({"session": "s", "events": [SNAPSHOT, INPUT, INPUT]})
    assert rrweb_event_types(body) == {2: 1, 3: 2}
    assert rrweb_event_types("not json") == {}
    assert rrweb_event_types(json.dumps({"type": 2, "timestamp": 1})) == {}


def test_serialised_dom_needs_many_element_nodes() -> None:
    node = '{"tagName": "div", "childNodes": []}'
    assert serialises_dom("[" + ",".join([node] * 5) + "]")
    assert not serialises_dom("[" + ",".join([node] * 4) + "]")


def test_rrweb_stream_to_a_third_party_is_recording() -> None:
    body = json.dumps([SNAPSHOT, INPUT])
    (found,) = detect_recording([sent("https://rec.test/e", body)], [], bundled_recorders())
    assert (found.host, found.vendor, found.requests) == ("rec.test", None, 1)
    assert "FullSnapshot x1, IncrementalSnapshot x1" in found.evidence
    assert found.script == "https://rec.test/rec.js" and found.bytes_sent == len(body)


def test_plain_analytics_and_first_party_dom_posts_are_not_recording() -> None:
    analytics = json.dumps({"type": "pageview", "url": "/"})
    page_builder = json.dumps([{"tagName": "div", "childNodes": []}] * 5)
    requests = [
        sent("https://a.test/c", analytics),
        sent("https://self.test/save", page_builder, third=False),
    ]
    assert detect_recording(requests, [], bundled_recorders()) == ()


def test_a_self_hosted_collector_receiving_rrweb_events_is_recording() -> None:
    body = json.dumps([SNAPSHOT, INPUT])
    (found,) = detect_recording(
        [sent("https://self.test/rec", body, third=False)], [], bundled_recorders()
    )
    assert found.host == "self.test"


def test_known_vendor_endpoints_count_even_with_opaque_bodies() -> None:
    observer = api_call_of("dom.observe", "https://rec.test/rec.js", "{}", "https://s.test/", 1)
    (found,) = detect_recording(
        [sent("https://www.clarity.ms/collect", "\x1f\x8b")], [observer], bundled_recorders()
    )
    assert found.vendor == "Microsoft Clarity"
    assert "observing every DOM mutation" in found.evidence


def test_bodies_are_read_as_text() -> None:
    assert body_text(b"\xff{}") == "\ufffd{}"
    assert body_text(None) == ""
