"""What a page sent out: one request with its body, for the recording and key-logging checks."""

from __future__ import annotations

from dataclasses import dataclass

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


def body_text(data: bytes | None) -> str:
    """A request body as text (bytes that are not UTF-8 become U+FFFD), capped in size."""
    return data[:MAX_BODY].decode("utf-8", errors="replace") if data else ""
