"""One network request made while a page was visited, as a frozen record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
    # The body's field names (JSON keys, form fields; never their values): as sent, and those
    # found only once it was decoded (a compressed, base64-wrapped body, a form field's JSON).
    body_keys: tuple[str, ...] = ()
    body_decoded_keys: tuple[str, ...] = ()
    body_how: str = ""  # how: "gzip-compressed", "base64-wrapped, form field 'data'"
    # Values of only the fields an endpoint signature tests (a token's shape): kept in memory
    # for matching, never written to a report.
    body_values: tuple[tuple[str, str], ...] = field(default=(), metadata={"json": False})

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

    @property
    def body_fields(self) -> tuple[str, ...]:
        """Every field name of the body, as sent and once decoded."""
        return self.body_keys + self.body_decoded_keys

    def body_note(self, keys: Iterable[str]) -> str:
        """``in a gzip-compressed body`` when some of ``keys`` were found only once the body
        was decoded, else empty."""
        decoded = set(self.body_decoded_keys)
        return f"in a {self.body_how} body" if any(k in decoded for k in keys) else ""
