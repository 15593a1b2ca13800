"""The WebSocket collector: connections a page, its iframes and workers open (and WebTransport
sessions), with what they sent, into the visit's book (the request collector makes them
records; the recording and key-logging checks read what was sent)."""

from __future__ import annotations

import time
from typing import Any

from playwright.async_api import Page

from scanner.crawl.book.sockets import Channel
from scanner.crawl.book.state import StateBook
from scanner.crawl.collectors.base import Collector
from scanner.crawl.devtools.targets import Target, initiator_url

CREATED = {"Network.webSocketCreated": "websocket", "Network.webTransportCreated": "webtransport"}


class WebSocketsCollector(Collector):
    """Follows each channel from its creation through its sent frames to its close."""

    name = "websockets"

    def __init__(self, book: StateBook) -> None:
        self._book = book
        self._open: dict[tuple[int, str], Channel] = {}  # (target, DevTools id) -> channel

    def on_devtools(
        self, page: Page, method: str, params: dict[str, Any], target: Target | None
    ) -> None:
        """Record a channel's creation, handshake, frames sent, errors and close."""
        key = (id(target), str(params.get("requestId") or params.get("transportId") or ""))
        if method in CREATED:
            self._created(page, method, params, target, key)
            return
        channel = self._open.get(key)
        if channel is None:
            return
        if method == "Network.webSocketFrameSent":
            frame = params.get("response", {})
            channel.sent(
                str(frame.get("payloadData", "")), int(frame.get("opcode", 1)), time.time()
            )
        elif method == "Network.webSocketHandshakeResponseReceived":
            channel.status = params.get("response", {}).get("status")
        elif method == "Network.webSocketFrameError":
            channel.failure = str(params.get("errorMessage", "")) or "frame error"
        elif method == "Network.webSocketClosed":
            del self._open[key]

    def _created(
        self,
        page: Page,
        method: str,
        params: dict[str, Any],
        target: Target | None,
        key: tuple[int, str],
    ) -> None:
        visit = self._book.visits.of(page)
        url = str(params.get("url", ""))
        if visit is None or not url:
            return
        channel = Channel(
            url, CREATED[method], time.time(), initiator_url(params.get("initiator", {})) or None
        )
        channel.frame_url = visit.url
        if target is not None:
            channel.worker = target.worker
            channel.frame_url = target.url if target.worker is None else ""
        visit.channels.append(channel)
        self._open[key] = channel
