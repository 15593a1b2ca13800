"""Request signatures of analytics and advertising protocols, matched on any host: the data
file ``data/endpoints.json`` and the matcher (a first-party proxy still speaks its vendor's
protocol)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from scanner.knowledge.cookies import category_of
from scanner.model import Category

DATA_FILE = "endpoints.json"


@dataclass(frozen=True, slots=True)
class EndpointSignature:
    """One protocol's request shape and the vendor it belongs to."""

    vendor: str
    domain: str  # the vendor's registrable domain: the subject a proxied request is judged as
    category: Category
    protocol: str
    path: re.Pattern[str]
    query: tuple[tuple[str, re.Pattern[str]], ...]
    methods: tuple[str, ...] = ()

    def matches(self, url: str, method: str = "") -> bool:
        """Whether a request to ``url`` (sent with ``method``) has this protocol's shape."""
        if self.methods and method.upper() not in self.methods:
            return False
        parts = urlsplit(url)
        if not self.path.search(parts.path or "/"):
            return False
        query = parse_qs(parts.query, keep_blank_values=True)
        return all(
            key in query and any(pattern.search(v) for v in query[key])
            for key, pattern in self.query
        )


@dataclass(frozen=True, slots=True)
class EndpointKnowledge:
    """The signature list with its version line."""

    signatures: tuple[EndpointSignature, ...]
    version: str

    def match(self, url: str, method: str = "") -> EndpointSignature | None:
        """The first signature a request fits, if any."""
        return next((s for s in self.signatures if s.matches(url, method)), None)


def parse_signature(entry: dict[str, object]) -> EndpointSignature:
    """One entry of the data file (ValueError on a bad pattern or a missing key)."""
    try:
        query = entry.get("query") or {}
        if not isinstance(query, dict):
            raise ValueError("'query' must map keys to patterns")
        methods = entry.get("methods") or []
        return EndpointSignature(
            vendor=str(entry["vendor"]),
            domain=str(entry["domain"]).lower(),
            category=category_of(str(entry["category"])),
            protocol=str(entry.get("protocol", entry["vendor"])),
            path=re.compile(str(entry["path"])),
            query=tuple((str(k), re.compile(str(v))) for k, v in query.items()),
            methods=tuple(str(m).upper() for m in methods) if isinstance(methods, list) else (),
        )
    except (KeyError, re.error) as e:
        raise ValueError(f"bad endpoint signature {entry.get('vendor')!r}: {e}") from e


def load_endpoints(text: str, origin: str = "bundled") -> EndpointKnowledge:
    """Signatures from the data file's JSON text."""
    data = json.loads(text)
    head = data["header"]
    signatures = tuple(parse_signature(s) for s in data["signatures"])
    version = f"{origin}: {head['source']} ({head['updated']}), {len(signatures)} signatures"
    return EndpointKnowledge(signatures, version)


@cache
def bundled_endpoints() -> EndpointKnowledge:
    """The signature list shipped with cookiescan."""
    text = resources.files("scanner.knowledge.data").joinpath(DATA_FILE).read_text("utf-8")
    return load_endpoints(text)


def load_with_user(cache_dir: Path) -> EndpointKnowledge:
    """The user's signatures (``endpoints.json`` in the cache folder, the same format), tried
    before the bundled ones; the bundled list alone when there is no such file."""
    bundled = bundled_endpoints()
    user = cache_dir / DATA_FILE
    if not user.is_file():
        return bundled
    own = load_endpoints(user.read_text("utf-8"), f"user file {user}")
    return EndpointKnowledge(
        own.signatures + bundled.signatures, f"{own.version}; {bundled.version}"
    )
