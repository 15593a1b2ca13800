"""Strict URL checks: why a URL cannot be crawled (scheme, host, port), never an exception."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urlsplit

WEB_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 8192
_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UrlProblem(ValueError):
    """Why a URL cannot be crawled; ``str()`` is a short reason for reports."""


def split_url(url: str) -> SplitResult:
    """``urlsplit`` plus the checks it defers (port, IPv6 brackets, host), as ``UrlProblem``.

    A URL that passes has an http(s) scheme, a valid host name or IP address, and a port
    (when given) from 1 to 65535.
    """
    if len(url) > MAX_URL_LENGTH:
        raise UrlProblem(f"longer than {MAX_URL_LENGTH} characters")
    if _CONTROL.search(url):
        raise UrlProblem("contains control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise UrlProblem(describe(e)) from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise UrlProblem(f"scheme {parts.scheme or '(none)'!r} is not http or https")
    if port == 0:
        raise UrlProblem("port 0 is out of range 1-65535")
    _check_host(parts.hostname or "")
    return parts


def url_problem(url: str) -> str | None:
    """The reason ``url`` cannot be crawled, or ``None`` when it can."""
    try:
        split_url(url)
    except UrlProblem as e:
        return str(e)
    return None


def describe(error: ValueError) -> str:
    """A short reason for a URL parsing error (from ``urlsplit``, ``urljoin`` or ours)."""
    if isinstance(error, UrlProblem):
        return str(error)
    text = str(error).lower()
    if "out of range" in text:
        return "port out of range 1-65535"
    if "could not be cast" in text or "invalid literal" in text:
        return "port is not a number"
    if "ipv6" in text:
        return "invalid IPv6 address"
    return f"unreadable URL ({text[:80]})"


def _check_host(host: str) -> None:
    if not host:
        raise UrlProblem("no host name")
    if ":" in host:
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            raise UrlProblem("invalid IPv6 address") from None
        return
    name = host.rstrip(".")
    try:
        ascii_name = name if name.isascii() else name.encode("idna").decode("ascii")
    except UnicodeError:
        raise UrlProblem("host name is not valid IDNA") from None
    if len(ascii_name) > 253 or not all(_LABEL.fullmatch(p) for p in ascii_name.split(".")):
        raise UrlProblem("invalid host name")
