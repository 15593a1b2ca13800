"""A live-chat widget's WebSocket: recorded as a request, judged, and what it sent looked into."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from channels_site import SHOP, build_channels_site
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Party, Phase, RequestRecord, ScanResult

pytestmark = pytest.mark.browser
SOCKET = "wss://live.chat-socket.test/socket?site=channel-shop"
WIDGET = "https://widget.chat-socket.test/widget.js"


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScanResult]:
    with LocalSite(build_channels_site(tmp_path_factory.mktemp("channels"))) as site:
        yield scan_site(site, SHOP, states=(ConsentState.NONE,), depth=1)


def _socket(scan: ScanResult) -> RequestRecord:
    (found,) = [r for s in scan.states for r in s.requests() if r.url == SOCKET]
    return found


def test_the_widgets_websocket_is_recorded_with_what_it_sent(scan: ScanResult) -> None:
    socket = _socket(scan)
    assert (socket.resource_type, socket.status, socket.initiator) == ("websocket", 101, WIDGET)
    assert socket.page_url == f"https://{SHOP}/chat.html" and socket.party is Party.THIRD
    assert socket.phase is Phase.BEFORE_CONSENT
    assert socket.frames_sent is not None and socket.frames_sent >= 2  # hello, then typing
    assert socket.bytes_sent is not None and socket.bytes_sent > 50


def test_the_socket_is_judged_like_a_request(scan: ScanResult) -> None:
    verdict = scan.judgement.request(_socket(scan))
    assert verdict.non_necessary and verdict.basis.value == "third_party"
    found = next(
        f for f in scan.findings
        if f.kind == "tracker_request_before_consent" and f.subject == "chat-socket.test"
    )  # fmt: skip
    assert dict(found.evidence)["requests"] == "2"  # the widget's script and its socket


def test_text_typed_and_sent_over_the_socket_is_key_logging(scan: ScanResult) -> None:
    (typed,) = [k for s in scan.states for k in s.keystrokes() if k.host == "live.chat-socket.test"]
    assert (typed.field, typed.encoding, typed.location) == ("draft", "plain", "body")
    assert typed.url == "wss://live.chat-socket.test/socket"
    kinds = {(f.kind, f.subject) for f in scan.findings}
    assert ("keystrokes_sent", "live.chat-socket.test") in kinds
