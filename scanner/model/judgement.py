"""Records of the judge stage: how every cookie, storage key and third party was classified."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scanner.model.cookie_records import CookieRecord, StorageRecord
from scanner.model.request_records import RequestRecord
from scanner.model.vocabulary import Category, Party


class Basis(StrEnum):
    """What decided a classification."""

    DECLARED = "declared"
    KNOWN = "known"
    THIRD_PARTY = "third_party"
    UNCLASSIFIED = "unclassified"


class Confidence(StrEnum):
    """How sure a classification is: a declaration or a fitting known entry is ``high``."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Classification:
    """The effective category of one item, where it came from and how sure it is."""

    category: Category
    basis: Basis
    non_necessary: bool
    source: str
    vendor: str = ""
    declared_line: int | None = None
    confidence: Confidence = Confidence.LOW

    def evidence(self) -> list[tuple[str, str]]:
        """Evidence lines naming the category, the vendor and the source of the verdict."""
        if self.basis is Basis.KNOWN:
            return [
                ("known_vendor", self.vendor or "unknown"),
                ("known_category", self.category.value),
                ("classification_source", self.source),
                ("confidence", self.confidence.value),
            ]
        shown = "unclassified" if self.basis is Basis.UNCLASSIFIED else self.category.value
        return [("category", shown), ("classification_source", self.source)]


@dataclass(frozen=True, slots=True)
class KnownFact:
    """What the knowledge base confidently says of an item, even when a declaration decides."""

    vendor: str
    category: Category
    source: str
    confidence: Confidence


@dataclass(frozen=True, slots=True)
class CookieClass:
    """One cookie identity (name, domain, party) and its classification."""

    name: str
    domain: str
    party: Party
    classification: Classification
    known: KnownFact | None = None


@dataclass(frozen=True, slots=True)
class HostClass:
    """One requested host and its classification by declaration, tracker list or party."""

    host: str
    registrable_domain: str
    party: Party
    classification: Classification
    known: KnownFact | None = None


@dataclass(frozen=True, slots=True)
class UrlClass:
    """A request whose classification a filter list decided (by URL, page and type)."""

    url: str
    page_url: str
    resource_type: str
    classification: Classification


@dataclass(frozen=True, slots=True)
class EndpointClass:
    """A first-party URL speaking a known vendor's protocol (a reverse proxy on the site's own
    domain, server-side tagging on a subdomain): judged as the vendor's, ``vendor_domain``."""

    url: str
    host: str
    vendor_domain: str
    protocol: str
    classification: Classification
    body: str = ""  # the body fields the signature matched: "body keys api_key, batch (in a ...)"


@dataclass(frozen=True, slots=True)
class StorageClass:
    """One storage item (key, IndexedDB store, cache) on one origin and its classification."""

    origin: str
    kind: str
    key: str
    party: Party
    classification: Classification
    known: KnownFact | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """Every item of a scan classified once; rules and reports read it, never re-classify."""

    cookies: tuple[CookieClass, ...] = ()
    hosts: tuple[HostClass, ...] = ()
    urls: tuple[UrlClass, ...] = ()
    storage: tuple[StorageClass, ...] = ()
    endpoints: tuple[EndpointClass, ...] = ()

    def cookie(self, cookie: CookieRecord) -> Classification:
        """The classification of a cookie record (KeyError when it was never judged)."""
        return (
            _index(self).cookie_classes[(cookie.name, cookie.domain, cookie.party)].classification
        )

    def request(self, request: RequestRecord) -> Classification:
        """The classification of a request: its vendor's when a first-party URL speaks a known
        protocol, else its URL's filter-list verdict, else its host's."""
        index = _index(self)
        endpoint = self.endpoint(request)
        if endpoint is not None:
            return endpoint.classification
        key = (request.url, request.page_url, request.resource_type)
        url = index.urls.get(key)
        return url or index.host_classes[(request.host, request.party)].classification

    def endpoint(self, request: RequestRecord) -> EndpointClass | None:
        """The vendor a first-party request is attributed to by its protocol, if any."""
        if request.party is not Party.FIRST:
            return None
        return _index(self).endpoints.get(request.url)

    def cookie_class(self, cookie: CookieRecord) -> CookieClass | None:
        """The whole judgement of a cookie record, if judged (reports of old scans: none)."""
        return _index(self).cookie_classes.get((cookie.name, cookie.domain, cookie.party))

    def host_class(self, host: str, party: Party = Party.THIRD) -> HostClass | None:
        """The whole judgement of a requested host, if it was requested."""
        return _index(self).host_classes.get((host, party))

    def storage_key(self, record: StorageRecord) -> Classification:
        """The classification of a storage record."""
        return _index(self).storage[record.identity].classification

    def storage_class(self, record: StorageRecord) -> StorageClass | None:
        """The whole judgement of a storage record, if judged (reports of old scans: none)."""
        return _index(self).storage.get(record.identity)


@dataclass(frozen=True, slots=True)
class _Index:
    cookie_classes: dict[tuple[str, str, Party], CookieClass]
    host_classes: dict[tuple[str, Party], HostClass]
    urls: dict[tuple[str, str, str], Classification]
    storage: dict[tuple[str, str, str], StorageClass]
    endpoints: dict[str, EndpointClass]


_INDEXES: dict[int, tuple[Judgement, _Index]] = {}


def _index(judgement: Judgement) -> _Index:
    """Lookup tables for a judgement, built once per judgement object."""
    cached = _INDEXES.get(id(judgement))
    if cached is not None and cached[0] is judgement:
        return cached[1]
    index = _Index(
        {(c.name, c.domain, c.party): c for c in judgement.cookies},
        {(h.host, h.party): h for h in judgement.hosts},
        {(u.url, u.page_url, u.resource_type): u.classification for u in judgement.urls},
        {(s.origin, s.kind, s.key): s for s in judgement.storage},
        {e.url: e for e in judgement.endpoints},
    )
    if len(_INDEXES) > 64:
        _INDEXES.clear()
    _INDEXES[id(judgement)] = (judgement, index)
    return index
