"""One network request made while a page was visited, as a frozen record."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.model.vocabulary import Party, Phase


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One network request made while a page was visited."""

    url: str
    host: str
    registrable_domain: str
    party: Party
    resource_type: str
    method: str
    frame_url: str
    initiator: str | None
    status: int | None
    failure: str | None
    phase: Phase
    page_url: str
    worker: str | None = None
    beacon: str | None = None
    frame_chain: tuple[str, ...] = ()
    frames_sent: int | None = None  # a WebSocket / WebTransport channel: frames it sent
    bytes_sent: int | None = None  # ... and their size in bytes

    @property
    def from_worker(self) -> bool:
        """Whether a dedicated, shared or service worker made the request."""
        return self.worker is not None

    @property
    def channel_note(self) -> str:
        """``websocket: 3 frame(s) sent, 210 bytes`` for a long-lived channel, else empty."""
        if self.frames_sent is None:
            return ""
        return f"{self.resource_type}: {self.frames_sent} frame(s) sent, {self.bytes_sent} bytes"
