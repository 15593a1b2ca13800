"""The requests a local site sees: as it receives them and as its request log keeps them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ServedRequest:
    """One request the server answered (cookie names only, never values)."""

    host: str
    path: str
    query: str
    method: str
    cookie_names: tuple[str, ...]
    referer: str | None
    status: int
    sec_gpc: bool = False


@dataclass(frozen=True, slots=True)
class Incoming:
    """One request as a site sees it (a subclass of LocalSite may answer it dynamically)."""

    host: str
    path: str
    query: str
    method: str
    cookies: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
