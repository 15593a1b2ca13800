"""Known tracker, embed and CDN domains → organisation and purpose category."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from scanner.knowledge.cookies import category_of
from scanner.model import Category


@dataclass(frozen=True, slots=True)
class KnownTracker:
    """One known domain (matching itself and every subdomain) and where the fact came from."""

    domain: str
    organisation: str
    category: Category
    source: str


def normalise_host(host: str) -> str:
    """Lower-case a host, dropping a port, brackets, and leading or trailing dots."""
    host = host.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1].split("/", 1)[0]
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.strip("[]").strip(".")


class TrackerKnowledge:
    """Known domains by exact domain; lookups walk from the host up to its parents."""

    def __init__(self, trackers: Iterable[KnownTracker], version: str = "") -> None:
        self.version = version
        self._by_domain = {t.domain: t for t in trackers}

    def __len__(self) -> int:
        return len(self._by_domain)

    def lookup(self, host: str) -> KnownTracker | None:
        """The most specific known entry for ``host`` or any parent domain, else ``None``."""
        labels = normalise_host(host).split(".")
        for start in range(len(labels)):
            found = self._by_domain.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None


def tracker_knowledge_of(
    entries: Iterable[Mapping[str, Any]], source_name: str, version: str
) -> TrackerKnowledge:
    """Build the index from JSON entries (``domain``, ``organisation``, ``category``)."""
    trackers = (
        KnownTracker(
            domain=normalise_host(e["domain"]),
            organisation=e["organisation"],
            category=category_of(e["category"]),
            source=f"{source_name}: {e['domain']}",
        )
        for e in entries
    )
    return TrackerKnowledge(trackers, version)
