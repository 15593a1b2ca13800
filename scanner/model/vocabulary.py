"""Vocabulary the records of every kind share: states, party, phase, categories, severity."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """When something happened relative to the consent action of its state."""

    BEFORE_CONSENT = "before_consent"
    AFTER_CONSENT = "after_consent"


class Party(StrEnum):
    """First or third party, by registrable domain."""

    FIRST = "first"
    THIRD = "third"


class ConsentState(StrEnum):
    """The consent situations a site is crawled in, each in a fresh profile.

    ``gpc`` is ``none`` with Global Privacy Control on (``Sec-GPC: 1`` on every request and
    ``navigator.globalPrivacyControl``); ``gpc-accept`` is ``accept`` with the same signal on.
    Both are scanned only when asked for.
    """

    NONE = "none"
    ACCEPT = "accept"
    REJECT = "reject"
    GPC = "gpc"
    GPC_ACCEPT = "gpc-accept"

    @property
    def choice(self) -> ConsentState | None:
        """The banner choice made in this state (``accept`` or ``reject``), if any."""
        if self is ConsentState.GPC_ACCEPT:
            return ConsentState.ACCEPT
        return self if self in (ConsentState.ACCEPT, ConsentState.REJECT) else None

    @property
    def chooses(self) -> bool:
        """Whether the visitor makes a banner choice in this state (accept or reject)."""
        return self.choice is not None

    @property
    def sends_gpc(self) -> bool:
        """Whether the visitor sends Global Privacy Control in this state."""
        return self in (ConsentState.GPC, ConsentState.GPC_ACCEPT)


DEFAULT_STATES = (ConsentState.NONE, ConsentState.ACCEPT, ConsentState.REJECT)


class Category(StrEnum):
    """Purpose categories of cookies and third parties."""

    NECESSARY = "necessary"
    FUNCTIONAL = "functional"
    ANALYTICS = "analytics"
    ADVERTISING = "advertising"
    UNKNOWN = "unknown"


class SetBy(StrEnum):
    """How a cookie was written."""

    HEADER = "header"
    SCRIPT = "script"
    UNKNOWN = "unknown"


class StorageKind(StrEnum):
    """Storage areas of the browser beyond cookies: web storage, IndexedDB, Cache Storage."""

    LOCAL = "localStorage"
    SESSION = "sessionStorage"
    INDEXEDDB = "indexedDB"
    CACHE = "cacheStorage"

    @property
    def declared_type(self) -> str:
        """The ``type:`` that declares it in expected_cookies.yaml (``local_storage`` ...)."""
        return _DECLARED_TYPES[self]


_DECLARED_TYPES = {
    StorageKind.LOCAL: "local_storage",
    StorageKind.SESSION: "session_storage",
    StorageKind.INDEXEDDB: "indexeddb",
    StorageKind.CACHE: "cache_storage",
}


class FailureKind(StrEnum):
    """Why a page could not be scanned (``page_failed`` evidence)."""

    TIMEOUT = "timeout"
    CRASHED = "crashed"
    HTTP_ERROR = "http_error"
    NAVIGATION = "navigation"
    INVALID_URL = "invalid_url"
    BROWSER_DIED = "browser_died"


class Severity(StrEnum):
    """Finding severities, ordered from least to most severe."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """Position in the order info < low < medium < high."""
        return list(Severity).index(self)
