"""The knowledge cache: download current filter lists and cookie database, read them back."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.knowledge.ocd import RAW_CSV_URL, entries_from_csv

ENV_VAR = "COOKIESCAN_CACHE_DIR"
SUBDIR = "knowledge"
MANIFEST = "manifest.json"
MAX_BYTES = 32 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0

Fetch = Callable[[str, float], bytes]
"""Download ``url`` within ``timeout`` seconds; raise ``OSError`` (or ``ValueError``) on failure."""


class SourceKind(StrEnum):
    """What a downloaded file holds, which decides how it is checked and used."""

    FILTER_LIST = "filter_list"
    COOKIE_DB = "cookie_db"


@dataclass(frozen=True, slots=True)
class Source:
    """One downloadable knowledge file."""

    name: str
    url: str
    filename: str
    kind: SourceKind


DEFAULT_SOURCES: tuple[Source, ...] = (
    Source(
        "easyprivacy",
        "https://easylist.to/easylist/easyprivacy.txt",
        "easyprivacy.txt",
        SourceKind.FILTER_LIST,
    ),
    Source(
        "easylist",
        "https://easylist.to/easylist/easylist.txt",
        "easylist.txt",
        SourceKind.FILTER_LIST,
    ),
    Source("open-cookie-database", RAW_CSV_URL, "open-cookie-database.csv", SourceKind.COOKIE_DB),
)


@dataclass(frozen=True, slots=True)
class SourceUpdate:
    """The outcome of refreshing one source: ``detail`` is the size or the error."""

    name: str
    url: str
    ok: bool
    detail: str
    fetched_at: str | None = None


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """The outcome of one update run; a failed source keeps its previous cached copy."""

    cache_dir: Path
    results: tuple[SourceUpdate, ...]

    @property
    def ok(self) -> bool:
        """Whether every source was refreshed."""
        return all(r.ok for r in self.results)

    def lines(self) -> list[str]:
        """One human-readable line per source."""
        return [f"{'ok' if r.ok else 'FAILED'} {r.name}: {r.detail}" for r in self.results]


@dataclass(frozen=True, slots=True)
class CachedFile:
    """A knowledge file read back from the cache, with where and when it was fetched."""

    source: Source
    text: str
    url: str
    fetched_at: str


def cache_root(override: Path | None = None) -> Path:
    """The cache directory: the override, ``$COOKIESCAN_CACHE_DIR``, or ``~/.cache/cookiescan``."""
    if override is not None:
        return override
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env) if env else Path.home() / ".cache" / "cookiescan"


def urllib_fetch(url: str, timeout: float) -> bytes:
    """Download with the standard library, refusing bodies over ``MAX_BYTES``."""
    request = urllib.request.Request(url, headers={"User-Agent": f"cookiescan/{__version__}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body: bytes = response.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise ValueError(f"response larger than {MAX_BYTES} bytes")
    return body


def validate(kind: SourceKind, text: str) -> None:
    """Refuse a download that is not what the source should hold (an error page, say)."""
    if kind is SourceKind.COOKIE_DB:
        if not entries_from_csv(text):
            raise ValueError("the cookie database has no entries")
        return
    rules = [
        ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith(("!", "["))
    ]
    if not rules or text.lstrip().startswith("<"):
        raise ValueError("not a filter list (no rules, or an HTML page)")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _refresh(
    source: Source, folder: Path, fetch: Fetch, timeout: float
) -> tuple[SourceUpdate, dict[str, Any]]:
    body = fetch(source.url, timeout)
    validate(source.kind, body.decode("utf-8"))
    _write_atomic(folder / source.filename, body)
    fetched_at = _now()
    record = {
        "url": source.url,
        "fetched_at": fetched_at,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    return SourceUpdate(source.name, source.url, True, f"{len(body)} bytes", fetched_at), record


def update(
    sources: Iterable[Source] = DEFAULT_SOURCES,
    fetch: Fetch | None = None,
    cache_dir: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> UpdateReport:
    """Download each source into the cache; failures are reported, never raised.

    ``fetch`` defaults to :func:`urllib_fetch`; tests inject a fake.
    """
    fetch = fetch or urllib_fetch
    folder = cache_root(cache_dir) / SUBDIR
    manifest = _read_manifest(folder)
    results: list[SourceUpdate] = []
    for source in sources:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            result, manifest[source.name] = _refresh(source, folder, fetch, timeout)
        except (OSError, http.client.HTTPException, ValueError) as e:
            result = SourceUpdate(source.name, source.url, False, f"{type(e).__name__}: {e}")
        results.append(result)
    if any(r.ok for r in results):
        results.extend(_save_manifest(folder, manifest))
    return UpdateReport(folder, tuple(results))


def _save_manifest(folder: Path, manifest: dict[str, Any]) -> list[SourceUpdate]:
    try:
        _write_atomic(folder / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
    except OSError as e:
        return [SourceUpdate(MANIFEST, str(folder), False, f"{type(e).__name__}: {e}")]
    return []


def read_cached(source: Source, cache_dir: Path | None = None) -> CachedFile | None:
    """The cached copy of ``source`` with its fetch record, or ``None`` when absent/unreadable."""
    folder = cache_root(cache_dir) / SUBDIR
    record = _read_manifest(folder).get(source.name)
    try:
        text = (folder / source.filename).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        record = {}
    return CachedFile(
        source,
        text,
        str(record.get("url", source.url)),
        str(record.get("fetched_at", "unknown date")),
    )
