"""Request signatures of analytics and advertising protocols, matched on any host: the data
file ``data/endpoints.json`` and the matcher (a first-party proxy still speaks its vendor's
protocol). A signature tests the URL path, query keys and, where the URL alone is ambiguous,
the body's field names (and the values of the fields it names with a pattern)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from scanner.knowledge.cache import cache_root
from scanner.knowledge.cookies import category_of
from scanner.model import Category

DATA_FILE = "endpoints.json"


Tests = tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True, slots=True)
class EndpointSignature:
    """One protocol's request shape and the vendor it belongs to."""

    vendor: str
    domain: str  # the vendor's registrable domain: the subject a proxied request is judged as
    category: Category
    protocol: str
    path: re.Pattern[str]
    query: Tests
    methods: tuple[str, ...] = ()
    body: Tests = ()  # body fields that must be present, each with a pattern for its value

    def matches(
        self,
        url: str,
        method: str = "",
        body_keys: Iterable[str] = (),
        body_values: Mapping[str, str] | None = None,
    ) -> bool:
        """Whether a request to ``url`` (sent with ``method``, its body having the fields
        ``body_keys``, of which ``body_values`` holds the tested ones) has this shape."""
        if self.methods and method.upper() not in self.methods:
            return False
        parts = urlsplit(url)
        if not self.path.search(parts.path or "/"):
            return False
        query = parse_qs(parts.query, keep_blank_values=True)
        if not all(
            key in query and any(pattern.search(v) for v in query[key])
            for key, pattern in self.query
        ):
            return False
        return not self.body or _body_fits(self.body, set(body_keys), body_values or {})

    @property
    def body_keys(self) -> tuple[str, ...]:
        """The body fields this signature requires, in the data file's order."""
        return tuple(key for key, _ in self.body)


def _body_fits(tests: Tests, keys: set[str], values: Mapping[str, str]) -> bool:
    """Every tested field present, and its value matching where the test has a pattern."""
    return all(
        key in keys and (not pattern.pattern or pattern.search(values.get(key, "")) is not None)
        for key, pattern in tests
    )


@dataclass(frozen=True, slots=True)
class EndpointKnowledge:
    """The signature list with its version line."""

    signatures: tuple[EndpointSignature, ...]
    version: str

    def match(
        self,
        url: str,
        method: str = "",
        body_keys: Iterable[str] = (),
        body_values: Mapping[str, str] | None = None,
    ) -> EndpointSignature | None:
        """The first signature a request fits, if any."""
        keys = frozenset(body_keys)
        return next((s for s in self.signatures if s.matches(url, method, keys, body_values)), None)

    @property
    def tested_fields(self) -> frozenset[str]:
        """Body fields some signature tests the value of: the only values a scan keeps."""
        return frozenset(k for s in self.signatures for k, p in s.body if p.pattern)


def parse_signature(entry: dict[str, object]) -> EndpointSignature:
    """One entry of the data file (ValueError on a bad pattern or a missing key)."""
    try:
        methods = entry.get("methods") or []
        return EndpointSignature(
            vendor=str(entry["vendor"]),
            domain=str(entry["domain"]).lower(),
            category=category_of(str(entry["category"])),
            protocol=str(entry.get("protocol", entry["vendor"])),
            path=re.compile(str(entry["path"])),
            query=_tests(entry, "query"),
            methods=tuple(str(m).upper() for m in methods) if isinstance(methods, list) else (),
            body=_tests(entry, "body"),
        )
    except (KeyError, re.error) as e:
        raise ValueError(f"bad endpoint signature {entry.get('vendor')!r}: {e}") from e


def _tests(entry: dict[str, object], part: str) -> Tests:
    """``query`` or ``body``: names mapped to the pattern their value must match."""
    tests = entry.get(part) or {}
    if not isinstance(tests, dict):
        raise ValueError(f"bad endpoint signature {entry.get('vendor')!r}: "
                         f"'{part}' must map names to patterns")  # fmt: skip
    return tuple((str(k), re.compile(str(v))) for k, v in tests.items())


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


@cache
def default_endpoints() -> EndpointKnowledge:
    """The signatures a scan judges with by default: the user's file in the default cache
    folder, then the bundled ones (what a crawl keeps body values for)."""
    return load_with_user(cache_root(None))


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
