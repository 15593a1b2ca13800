"""Known cookie facts (Open Cookie Database) and fast lookup by cookie name and domain."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from scanner.model import Category

_INDEX_CHARS = 2


class MatchKind(StrEnum):
    """How a known entry's name matches a cookie name."""

    EXACT = "exact"
    PREFIX = "prefix"
    GLOB = "glob"


@dataclass(frozen=True, slots=True)
class KnownCookie:
    """Facts about one known cookie (or family of cookies) and where they came from."""

    name: str
    match: MatchKind
    pattern: str
    vendor: str
    category: Category
    domains: tuple[str, ...]
    retention_text: str
    retention_seconds: int | None
    session: bool
    controller: str
    source: str

    @property
    def is_prefix(self) -> bool:
        """Whether the entry names a prefix rather than one exact name."""
        return self.match is MatchKind.PREFIX

    @property
    def domain(self) -> str | None:
        """The first domain upstream names for the cookie, if any."""
        return self.domains[0] if self.domains else None


def category_of(value: str) -> Category:
    """Our category for a stored value; anything else is ``UNKNOWN``."""
    try:
        return Category(value)
    except ValueError:
        return Category.UNKNOWN


def known_cookie_of(entry: Mapping[str, Any], source_name: str) -> KnownCookie:
    """Build a :class:`KnownCookie` from one JSON entry."""
    return KnownCookie(
        name=entry["name"],
        match=MatchKind(entry["match"]),
        pattern=entry["pattern"],
        vendor=entry["vendor"],
        category=category_of(entry["category"]),
        domains=tuple(entry["domains"]),
        retention_text=entry["retention"],
        retention_seconds=entry["retention_seconds"],
        session=bool(entry["session"]),
        controller=entry["controller"],
        source=f"{source_name} #{entry['id']}",
    )


def _glob_regex(glob: str) -> re.Pattern[str]:
    return re.compile("".join(".*" if p == "*" else re.escape(p) for p in re.split(r"(\*)", glob)))


def domain_score(entry: KnownCookie, domain: str | None) -> int:
    """2 when the entry's domain fits the cookie's, 1 when either names none, else 0."""
    if not entry.domains or not domain:
        return 1
    host = domain.lower().strip(".")
    for known in entry.domains:
        if host == known or host.endswith("." + known) or known.endswith("." + host):
            return 2
    return 0


class CookieKnowledge:
    """An index of known cookies: exact names, then glob patterns, then longest prefix."""

    def __init__(self, cookies: Iterable[KnownCookie], version: str = "") -> None:
        self.version = version
        self._exact: dict[str, list[KnownCookie]] = {}
        self._prefix: dict[str, list[KnownCookie]] = {}
        self._short: list[KnownCookie] = []
        self._globs: list[tuple[re.Pattern[str], KnownCookie]] = []
        self._count = 0
        for cookie in cookies:
            self._add(cookie)

    def _add(self, cookie: KnownCookie) -> None:
        self._count += 1
        self._exact.setdefault(cookie.name, []).append(cookie)
        if cookie.match is MatchKind.GLOB:
            self._globs.append((_glob_regex(cookie.pattern), cookie))
        elif cookie.match is MatchKind.PREFIX and len(cookie.pattern) < _INDEX_CHARS:
            self._short.append(cookie)
        elif cookie.match is MatchKind.PREFIX:
            self._prefix.setdefault(cookie.pattern[:_INDEX_CHARS], []).append(cookie)

    def __len__(self) -> int:
        return self._count

    def matches(self, name: str, domain: str | None = None) -> list[KnownCookie]:
        """Every entry that fits ``name``, best first (see :meth:`lookup` for the order)."""
        exact = sorted(
            self._exact.get(name, ()),
            key=lambda c: (-domain_score(c, domain), c.match is not MatchKind.EXACT),
        )
        globs = [c for rx, c in self._globs if rx.fullmatch(name) and c not in exact]
        globs.sort(key=lambda c: (-domain_score(c, domain), -len(c.pattern)))
        candidates = self._prefix.get(name[:_INDEX_CHARS], []) + self._short
        prefixes = [c for c in candidates if name.startswith(c.pattern) and c not in exact]
        prefixes.sort(key=lambda c: (-len(c.pattern), -domain_score(c, domain)))
        return exact + globs + prefixes

    def with_domain(self, domain: str) -> list[KnownCookie]:
        """Every entry whose upstream domain is ``domain``, a parent or a subdomain of it."""
        return [c for cs in self._exact.values() for c in cs if domain_score(c, domain) == 2]

    def lookup(self, name: str, domain: str | None = None) -> KnownCookie | None:
        """The best entry for a cookie name: exact name (preferring one whose domain fits),
        then placeholder patterns, then the longest prefix; ``None`` when unknown."""
        found = self.matches(name, domain)
        return found[0] if found else None


def cookie_knowledge_of(
    entries: Iterable[Mapping[str, Any]], source_name: str, version: str
) -> CookieKnowledge:
    """Build the index from JSON/CSV fact entries."""
    return CookieKnowledge((known_cookie_of(e, source_name) for e in entries), version)
