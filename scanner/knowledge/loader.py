"""Load knowledge from the cache when present, else from the data bundled in the package."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from scanner.knowledge.cache import DEFAULT_SOURCES, SourceKind, read_cached
from scanner.knowledge.cookies import CookieKnowledge, cookie_knowledge_of
from scanner.knowledge.ocd import SOURCE_NAME, OcdFormatError, entries_from_csv
from scanner.knowledge.trackers import TrackerKnowledge, tracker_knowledge_of

DATA_PACKAGE = "scanner.knowledge.data"


def _bundled_json(filename: str) -> dict[str, Any]:
    text = resources.files(DATA_PACKAGE).joinpath(filename).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def bundled_cookies() -> CookieKnowledge:
    """The Open Cookie Database snapshot shipped with cookiescan."""
    data = _bundled_json("known_cookies.json")
    head = data["header"]
    version = (
        f"bundled: {head['source']} {head['snapshot_commit'][:12]} "
        f"({head['snapshot_date']}), {head['entries']} entries"
    )
    return cookie_knowledge_of(data["cookies"], head["source"], version)


def bundled_trackers() -> TrackerKnowledge:
    """The curated tracker-domain list shipped with cookiescan."""
    data = _bundled_json("trackers.json")
    head = data["header"]
    version = f"bundled: {head['source']} ({head['updated']}), {head['entries']} domains"
    return tracker_knowledge_of(data["trackers"], head["source"], version)


def load_cookies(cache_dir: Path | None) -> CookieKnowledge:
    """The cached cookie database if readable, else the bundled snapshot (never raises)."""
    source = next(s for s in DEFAULT_SOURCES if s.kind is SourceKind.COOKIE_DB)
    cached = read_cached(source, cache_dir)
    if cached is None:
        return bundled_cookies()
    try:
        entries = entries_from_csv(cached.text)
    except OcdFormatError as e:
        fallback = bundled_cookies()
        fallback.version += f" (cached copy unusable: {e})"
        return fallback
    version = f"cache: {SOURCE_NAME} fetched {cached.fetched_at}, {len(entries)} entries"
    return cookie_knowledge_of(entries, SOURCE_NAME, version)


@dataclass(frozen=True, slots=True)
class FilterTexts:
    """The filter-list texts found in the cache, and a version line per known list."""

    texts: dict[str, str]
    versions: dict[str, str]


def load_filter_texts(cache_dir: Path | None) -> FilterTexts:
    """Cached filter lists (none are bundled: EasyList is not vendored)."""
    texts: dict[str, str] = {}
    versions: dict[str, str] = {}
    for source in DEFAULT_SOURCES:
        if source.kind is not SourceKind.FILTER_LIST:
            continue
        cached = read_cached(source, cache_dir)
        if cached is None:
            versions[source.name] = "not available (not downloaded; run the knowledge update)"
            continue
        texts[source.name] = cached.text
        versions[source.name] = f"cache: fetched {cached.fetched_at} from {cached.url}"
    return FilterTexts(texts, versions)
