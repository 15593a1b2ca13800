"""Known session-replay vendors: where their recordings are sent and their scripts served."""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

DATA_FILE = "session_recorders.json"


@dataclass(frozen=True, slots=True)
class RecorderVendor:
    """One vendor: ``host-glob[/path-prefix]`` patterns of its endpoints and scripts."""

    name: str
    endpoints: tuple[str, ...]
    scripts: tuple[str, ...]


def url_matches(url: str, pattern: str) -> bool:
    """Whether ``url`` fits ``host-glob[/path-prefix]`` (``*.x`` also matches ``x`` itself)."""
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path or "/"
    host_glob, slash, prefix = pattern.lower().partition("/")
    hosts = (host_glob, host_glob[2:]) if host_glob.startswith("*.") else (host_glob,)
    host_ok = any(fnmatch.fnmatchcase(host, glob) for glob in hosts)
    return host_ok and (not slash or path.startswith("/" + prefix))


@dataclass(frozen=True, slots=True)
class RecorderKnowledge:
    """The vendor list with its version line."""

    vendors: tuple[RecorderVendor, ...]
    version: str

    def endpoint_vendor(self, url: str) -> RecorderVendor | None:
        """The vendor whose recording endpoint ``url`` is."""
        return next(
            (v for v in self.vendors if any(url_matches(url, p) for p in v.endpoints)), None
        )

    def script_vendor(self, url: str) -> RecorderVendor | None:
        """The vendor whose recorder script ``url`` is."""
        return next((v for v in self.vendors if any(url_matches(url, p) for p in v.scripts)), None)

    def for_host(self, host: str) -> RecorderVendor | None:
        """The vendor a host belongs to, by its endpoints or scripts."""
        url = f"https://{host}/"
        return self.endpoint_vendor(url) or self.script_vendor(url)


def _vendor(entry: dict[str, object]) -> RecorderVendor:
    def patterns(key: str) -> tuple[str, ...]:
        value = entry.get(key, [])
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    return RecorderVendor(str(entry["name"]), patterns("endpoints"), patterns("scripts"))


@cache
def bundled_recorders() -> RecorderKnowledge:
    """The curated session-replay vendor list shipped with cookiescan."""
    text = resources.files("scanner.knowledge.data").joinpath(DATA_FILE).read_text("utf-8")
    data = json.loads(text)
    head = data["header"]
    vendors = tuple(_vendor(v) for v in data["vendors"])
    version = f"bundled: {head['source']} ({head['updated']}), {len(vendors)} vendors"
    return RecorderKnowledge(vendors, version)
