"""Long-lived channels a page opened (WebSockets, WebTransport): what was sent on each, kept
within bounds so an endless stream costs a counter, not memory."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field

MAX_KEPT = 262_144  # characters of sent frames kept per channel, to look into
MAX_FRAMES_KEPT = 200  # frames kept per channel (the rest are counted only)


@dataclass(slots=True)
class Channel:
    """One WebSocket (or WebTransport session): where to, who opened it, what it sent."""

    url: str
    kind: str  # "websocket" or "webtransport"
    at: float
    initiator: str | None
    frame_url: str = ""
    worker: str | None = None
    status: int | None = None
    failure: str | None = None
    frames_sent: int = 0
    bytes_sent: int = 0
    first_sent_at: float | None = None
    kept: list[bytes] = field(default_factory=list)
    kept_size: int = 0

    def sent(self, payload: str, opcode: int, at: float) -> None:
        """One frame sent: counted always, kept while within bounds (binary frames arrive
        base64-encoded from DevTools and are kept as bytes)."""
        data = _payload_bytes(payload, opcode)
        self.frames_sent += 1
        self.bytes_sent += len(data)
        self.first_sent_at = self.first_sent_at if self.first_sent_at is not None else at
        room = MAX_KEPT - self.kept_size
        if room > 0 and len(self.kept) < MAX_FRAMES_KEPT:
            self.kept.append(data[:room])
            self.kept_size += min(len(data), room)

    @property
    def truncated(self) -> bool:
        """Whether more was sent than kept."""
        return self.kept_size < self.bytes_sent


def _payload_bytes(payload: str, opcode: int) -> bytes:
    if opcode == 2:
        try:
            return base64.b64decode(payload, validate=False)
        except (binascii.Error, ValueError):
            return payload.encode("utf-8", errors="replace")
    return payload.encode("utf-8", errors="replace")
