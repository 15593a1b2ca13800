"""Parse Set-Cookie lines and document.cookie writes into what the site asked for."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parsedate_to_datetime

_DATE_FORMATS_FALLBACK = ("-", " ")


@dataclass(frozen=True, slots=True)
class CookieWrite:
    """One cookie write as the site asked for it (the value is not kept)."""

    name: str
    domain: str
    path: str | None
    lifetime: int | None
    raw_expiry: str | None
    deletion: bool


def _parse_http_date(text: str) -> float | None:
    """Seconds since the epoch for an HTTP date, tolerating the common variants."""
    cleaned = text.strip()
    for old in _DATE_FORMATS_FALLBACK:
        try:
            return parsedate_to_datetime(cleaned).timestamp()
        except (TypeError, ValueError, IndexError):
            cleaned = cleaned.replace(old, " ")
    return None


def _attributes(parts: list[str]) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for part in parts:
        key, _, value = part.partition("=")
        attrs[key.strip().lower()] = value.strip()
    return attrs


def _lifetime(attrs: dict[str, str], now: float) -> tuple[int | None, str | None, bool]:
    """(lifetime in seconds, the raw attribute, whether the write deletes the cookie)."""
    if "max-age" in attrs:
        raw = attrs["max-age"]
        try:
            seconds = int(raw)
        except ValueError:
            seconds = None
        if seconds is not None:
            return max(seconds, 0), f"Max-Age={raw}", seconds <= 0
    if "expires" in attrs:
        raw = attrs["expires"]
        when = _parse_http_date(raw)
        if when is not None:
            seconds = round(when - now)
            return max(seconds, 0), f"Expires={raw}", seconds <= 0
    return None, None, False


def parse_cookie_write(line: str, request_host: str, now: float) -> CookieWrite | None:
    """Parse one Set-Cookie header value or document.cookie assignment.

    ``now`` is the time the write happened (the response Date header for headers),
    so lifetimes from ``Expires`` are relative to the moment of setting.
    """
    head, *rest = line.split(";")
    name, sep, _value = head.partition("=")
    name = name.strip() if sep else ""
    if not sep and not head.strip():
        return None
    attrs = _attributes(rest)
    lifetime, raw, deletion = _lifetime(attrs, now)
    domain = attrs.get("domain", "").lower().lstrip(".") or request_host.lower()
    path = attrs.get("path") or None
    return CookieWrite(name, domain, path, lifetime, raw, deletion)


def response_time(date_header: str | None, fallback: float) -> float:
    """The server's notion of 'now' for a response (its Date header), else ``fallback``."""
    if date_header:
        parsed = _parse_http_date(date_header)
        if parsed is not None:
            return parsed
    return fallback
