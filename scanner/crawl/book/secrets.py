"""Values a state must never show (cookie values), and their replacement wherever a site copied
one into something recorded (a visitor id in a request's URL): the report's keyed digest."""

from __future__ import annotations

from collections.abc import Iterable

from scanner.model.digest import keyed_digest, replace_secrets, searched_secrets


class SecretValues:
    """The cookie values one state has seen, kept in memory only, to be digested in records."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._values: set[str] = set()
        self._searched: list[str] = []

    def digest(self, value: str) -> str:
        """The per-scan keyed digest of ``value`` (as report.json's ``value_digest``)."""
        return keyed_digest(self._key, value)

    def learn(self, values: Iterable[str]) -> None:
        """Values seen in the jar: from now on digested wherever they show up."""
        new = {v for v in values if v and "://" not in v} - self._values
        if new:
            self._values |= new
            self._searched = searched_secrets(self._values)

    def scrub(self, url: str) -> str:
        """``url`` with every known value (raw or URL-encoded) in its query or fragment replaced
        by ``digest:<hex>`` (where sites copy ids; the address itself is kept readable)."""
        base, sep, rest = url.partition("?")
        if not sep:
            base, sep, rest = url.partition("#")
        if not self._searched or not rest:
            return url
        digest = lambda v: "digest:" + self.digest(v)  # noqa: E731
        return base + sep + replace_secrets(rest, self._searched, digest)
