"""Offline knowledge: known cookies, tracker domains and filter lists, behind one facade."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path

from scanner.knowledge.cache import cache_root
from scanner.knowledge.cookies import CookieKnowledge, KnownCookie, MatchKind
from scanner.knowledge.endpoints import (
    EndpointKnowledge,
    EndpointSignature,
    bundled_endpoints,
    load_with_user,
)
from scanner.knowledge.filters import FilterListMatcher, FilterMatch
from scanner.knowledge.loader import bundled_trackers, load_cookies, load_filter_texts
from scanner.knowledge.trackers import KnownTracker, TrackerKnowledge

__all__ = [
    "EndpointSignature",
    "FilterMatch",
    "KnowledgeBase",
    "KnownCookie",
    "KnownTracker",
    "MatchKind",
    "load_knowledge",
]


class KnowledgeBase:
    """Known cookies, tracker domains and filter lists; every answer names its source."""

    def __init__(
        self,
        cookies: CookieKnowledge,
        trackers: TrackerKnowledge,
        filter_texts: Mapping[str, str] | None = None,
        filter_versions: Mapping[str, str] | None = None,
        endpoints: EndpointKnowledge | None = None,
    ) -> None:
        self.cookies = cookies
        self.trackers = trackers
        self.endpoints = endpoints or bundled_endpoints()
        self._filter_texts = dict(filter_texts or {})
        self._filter_versions = dict(filter_versions or {})
        self._matcher: FilterListMatcher | None = None

    def cookie(self, name: str, domain: str | None = None) -> KnownCookie | None:
        """The best known entry for a cookie name (and the domain it was set on)."""
        return self.cookies.lookup(name, domain)

    def tracker(self, host: str) -> KnownTracker | None:
        """The known entry for a host or its nearest known parent domain."""
        return self.trackers.lookup(host)

    def endpoint(
        self,
        url: str,
        method: str = "",
        body_keys: Iterable[str] = (),
        body_values: Mapping[str, str] | None = None,
    ) -> EndpointSignature | None:
        """The analytics or advertising protocol a request speaks, whatever its host (by its
        URL, and by its body's field names and tested values)."""
        return self.endpoints.match(url, method, body_keys, body_values)

    def has_filter_lists(self) -> bool:
        """Whether any filter list is loaded (downloaded with ``cookiescan update``)."""
        return bool(self._filter_texts)

    def filter_match(self, url: str, source_url: str, resource_type: str) -> FilterMatch | None:
        """Which loaded filter list (and rule) would block this request; lists compile lazily."""
        if not self._filter_texts:
            return None
        if self._matcher is None:
            self._matcher = FilterListMatcher.from_texts(self._filter_texts)
        return self._matcher.match(url, source_url, resource_type)

    def versions(self) -> dict[str, str]:
        """Which version of each knowledge source is in use ("bundled: …", "cache: …")."""
        return {
            "cookies": self.cookies.version,
            "trackers": self.trackers.version,
            "endpoints": self.endpoints.version,
            **self._filter_versions,
        }


def _load(cache_dir: Path | None) -> KnowledgeBase:
    filters = load_filter_texts(cache_dir)
    endpoints = load_with_user(cache_root(cache_dir))
    return KnowledgeBase(
        load_cookies(cache_dir), bundled_trackers(), filters.texts, filters.versions, endpoints
    )


@functools.cache
def _default_knowledge() -> KnowledgeBase:
    return _load(None)


def load_knowledge(cache_dir: Path | None = None) -> KnowledgeBase:
    """The knowledge base, preferring cached downloads over bundled data.

    Without ``cache_dir`` the default cache (``$COOKIESCAN_CACHE_DIR`` or
    ``~/.cache/cookiescan``) is used and the result is loaded once per process.
    """
    return _default_knowledge() if cache_dir is None else _load(cache_dir)
