"""Plain-text explanation of a cookie name, a storage key, a domain, a finding kind or a state."""

from __future__ import annotations

import re
from collections.abc import Callable

from scanner.knowledge import KnowledgeBase, KnownCookie, KnownTracker, MatchKind
from scanner.knowledge.recorders import RecorderKnowledge, bundled_recorders
from scanner.knowledge.storage import storage_lines
from scanner.knowledge.terms import term_lines
from scanner.knowledge.trackers import normalise_host

MAX_COOKIES = 5
MAX_DOMAIN_COOKIES = 12
_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
_PROBE_PAGE = "https://cookiescan.invalid/"


def _retention(cookie: KnownCookie) -> str:
    if cookie.session:
        return f"{cookie.retention_text} (session)"
    if cookie.retention_seconds is None:
        return cookie.retention_text or "not stated"
    seconds = cookie.retention_seconds
    if seconds >= 86_400:
        amount = f"{round(seconds / 86_400)} days"
    else:
        amount = f"{round(seconds / 3_600)} hours" if seconds >= 3_600 else f"{seconds} s"
    return f"{cookie.retention_text} (~{amount})"


Attribution = Callable[[KnownCookie], str]


def cookie_lines(
    term: str, cookie: KnownCookie, attribution: Attribution | None = None
) -> list[str]:
    """The lines describing one known-cookie entry that fits ``term`` (and, given the judge's
    ``attribution``, when and how confidently a scan attributes the cookie to it)."""
    how = "exact name" if cookie.match is MatchKind.EXACT else f"{cookie.match} '{cookie.pattern}'"
    lines = [
        f"Cookie '{term}': {cookie.vendor or 'unknown vendor'}, {cookie.category} ({how})",
        f"  retention: {_retention(cookie)}",
        f"  controller: {cookie.controller or '-'}; domain: {', '.join(cookie.domains) or '-'}",
        f"  source: {cookie.source}",
    ]
    if attribution is not None:
        lines.append(f"  attributed: {attribution(cookie)}")
    return lines


def tracker_lines(host: str, tracker: KnownTracker) -> list[str]:
    """The lines describing a known tracker domain covering ``host``."""
    return [
        f"Domain '{host}': {tracker.organisation}, {tracker.category} (known as {tracker.domain})",
        f"  source: {tracker.source}",
    ]


def domain_lines(host: str, kb: KnowledgeBase) -> list[str]:
    """Tracker entry, filter-list verdict and known cookies of a domain."""
    lines: list[str] = []
    tracker = kb.tracker(host)
    if tracker is not None:
        lines += tracker_lines(host, tracker)
    hit = kb.filter_match(f"https://{host}/", _PROBE_PAGE, "script")
    if hit is not None:
        lines.append(f"Domain '{host}': blocked as a third-party script by {hit.source}")
    names = sorted({c.name for c in kb.cookies.with_domain(host)})
    if names:
        more = ", …" if len(names) > MAX_DOMAIN_COOKIES else ""
        shown = ", ".join(names[:MAX_DOMAIN_COOKIES]) + more
        lines.append(f"Domain '{host}': {len(names)} known cookie name(s): {shown}")
    return lines


def recorder_lines(term: str, recorders: RecorderKnowledge) -> list[str]:
    """The session-replay vendor a host or vendor name belongs to, with its endpoints."""
    host = normalise_host(term)
    wanted = term.strip().lower()
    vendor = recorders.for_host(host) if _HOST.match(host) else None
    vendor = vendor or next((v for v in recorders.vendors if v.name.lower() == wanted), None)
    if vendor is None:
        return []
    return [
        f"Session replay: {vendor.name} records what visitors see and do (DOM, mouse, typing)",
        f"  recordings sent to: {', '.join(vendor.endpoints) or '-'}",
        f"  recorder scripts: {', '.join(vendor.scripts) or '-'}",
        f"  source: {recorders.version}",
    ]


def explain(
    term: str, kb: KnowledgeBase, attribution: Attribution | None = None, domain: str | None = None
) -> list[str]:
    """Lines of text on what the knowledge base knows about a cookie name or a domain
    (cookie entries fitting ``domain`` first, when it is given)."""
    term = term.strip()
    found = kb.cookies.matches(term, domain)[:MAX_COOKIES]
    lines = [line for c in found for line in cookie_lines(term, c, attribution)]
    lines += storage_lines(term)
    host = normalise_host(term)
    if _HOST.match(host):
        lines += domain_lines(host, kb)
    lines += recorder_lines(term, bundled_recorders())
    lines += term_lines(term)
    if not lines:
        lines.append(f"Nothing known about '{term}'.")
    versions = [f"  {name}: {version}" for name, version in kb.versions().items()]
    return [*lines, "Knowledge used:", *versions]
