"""What a page sent out: one request with its body, for the recording and key-logging checks."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.crawl.book.bodies import MAX_DECODED, BodyView, decode_body

MAX_BODY = 2_000_000


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One request as sent: URL, method, body text (may be empty) and who sent it."""

    url: str
    host: str
    method: str
    body: str
    third_party: bool
    at: float
    initiator: str | None = None
    decoded: tuple[BodyView, ...] = ()  # the body unwrapped (bodies.py), when it was wrapped
    opaque: str | None = None  # why (part of) the body could not be read

    def texts(self) -> list[tuple[str, str]]:
        """The body as sent, then each decoded view: ``(phrase, text)``; phrase empty for the
        plain body, ``in a deflated body`` for a decoded one."""
        return [("", self.body), *((view.phrase, view.text) for view in self.decoded)]


def outgoing(
    url: str,
    host: str,
    method: str,
    data: bytes | None,
    headers: dict[str, str],
    third_party: bool,
    at: float,
    initiator: str | None,
) -> Outgoing:
    """One request as sent, its body as text and unwrapped (within bodies.py's bounds)."""
    found = decode_body(
        data[:MAX_BODY] if data else None,
        headers.get("content-encoding", ""),
        headers.get("content-type", ""),
    )
    return Outgoing(
        url, host, method, body_text(data), third_party, at, initiator, found.views, found.opaque
    )


def body_text(data: bytes | None) -> str:
    """A request body as text (bytes that are not UTF-8 become U+FFFD), capped in size."""
    return data[:MAX_BODY].decode("utf-8", errors="replace") if data else ""


def channel_outgoing(
    url: str, host: str, frames: list[bytes], third_party: bool, at: float, initiator: str | None
) -> Outgoing:
    """What a WebSocket sent as one outgoing entry: text frames one per line, and every
    frame's unwrapped views (a compressed or base64 frame), within bodies.py's bounds."""
    texts = [body_text(f) for f in frames]
    views: list[BodyView] = []
    opaque: str | None = None
    left = MAX_DECODED  # one bound for all of a channel's frames
    for frame in frames:
        if left <= 0:
            break
        found = decode_body(frame, limit=left)
        views += found.views
        opaque = opaque or found.opaque
        left -= found.size
    return Outgoing(url, host, "WEBSOCKET", "\n".join(texts), third_party, at, initiator,
                    tuple(views), opaque)  # fmt: skip
