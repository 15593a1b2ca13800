"""What a visit left in the browser: cookies, cookies kept past the choice, storage keys."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.model.vocabulary import Party, Phase, SetBy, StorageKind


@dataclass(frozen=True, slots=True)
class CookieRecord:
    """One cookie as stored by the browser, joined with how and when it was set.

    The value itself is never kept: only a short digest, so a change can be seen.
    Lifetimes are in seconds from the moment of setting; ``None`` means a session cookie.
    ``setter_worker`` (``service worker <script URL>``) when a worker's script wrote it.
    ``setter_unknown`` says why the setter is unknown, when the scanner knows why.
    """

    name: str
    domain: str
    path: str
    value_digest: str
    lifetime_requested: int | None
    lifetime_stored: int | None
    expires_stored: float | None
    secure: bool
    http_only: bool
    same_site: str
    partitioned: bool
    party: Party
    set_by: SetBy
    setter_url: str | None
    raw_expiry: str | None
    phase: Phase
    page_url: str
    setter_worker: str | None = None
    setter_unknown: str | None = None
    partition_key: str | None = None  # the top-level site a partitioned (CHIPS) cookie lives under

    @property
    def partition_note(self) -> str:
        """``partitioned under https://site.example`` for a partitioned cookie, else empty."""
        if not self.partitioned:
            return ""
        return f"partitioned under {self.partition_key or 'an unknown top-level site'}"

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of a cookie in a jar: name, domain, path."""
        return (self.name, self.domain, self.path)


@dataclass(frozen=True, slots=True)
class StorageRecord:
    """One storage key on one origin (values are never kept).

    ``key`` is a web storage key, an IndexedDB ``database/store`` or a Cache Storage cache
    name; ``count`` the records of a store or the entries of a cache (``None`` for web
    storage, whose ``value_length`` is the value's length). ``writer`` is the script that
    wrote it, ``writer_frame`` the frame (or ``service worker <URL>``) it ran in;
    ``writer_unknown`` says why no writer is named. ``partition`` is the top-level site a
    third-party frame's storage lives in (``None`` for the top-level site's own storage).
    ``phase`` is when the item was seen present; ``written_phase`` when its first write was
    seen (``None``: no write seen), so a key written before the choice and present after it
    shows as kept.
    """

    origin: str
    kind: StorageKind
    key: str
    value_length: int
    party: Party
    phase: Phase
    page_url: str
    count: int | None = None
    writer: str | None = None
    writer_frame: str | None = None
    writer_unknown: str | None = None
    partition: str | None = None
    written_phase: Phase | None = None

    @property
    def identity(self) -> tuple[str, str, str]:
        """What makes two records the same storage item: origin, kind, key."""
        return (self.origin, self.kind.value, self.key)


@dataclass(frozen=True, slots=True)
class KeptCookie:
    """A cookie written before the consent choice and still in the jar, unchanged, after it.

    ``value_digest`` is the same before and after (no new write was seen); ``sent_on`` lists
    the pages whose requests still carried it after the choice; ``deletion_attempts`` the
    scripts that tried to delete it (with attributes that did not match) after the choice.
    """

    name: str
    domain: str
    path: str
    value_digest: str
    set_on: str
    sent_on: tuple[str, ...] = ()
    deletion_attempts: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the cookie in the jar: name, domain, path."""
        return (self.name, self.domain, self.path)
