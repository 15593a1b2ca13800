"""EasyList/EasyPrivacy-syntax filter lists: which list and rule would block a request."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

try:
    import adblock

    HAVE_ADBLOCK = True
except ImportError:  # pragma: no cover - only where the wheel is missing
    HAVE_ADBLOCK = False

# Playwright resource types → the request types adblock-rust understands.
RESOURCE_TYPES: dict[str, str] = {
    "fetch": "xmlhttprequest",
    "xhr": "xmlhttprequest",
    "eventsource": "xmlhttprequest",
    "texttrack": "media",
    "manifest": "other",
}
_DOMAIN_RULE = re.compile(r"^(@@)?\|\|([a-z0-9.-]+)\^(\$third-party)?$")


@dataclass(frozen=True, slots=True)
class FilterMatch:
    """A request a filter list would block: which list, and which rule when known."""

    list_name: str
    rule: str | None
    engine: str

    @property
    def source(self) -> str:
        """Where the classification came from, for reports."""
        return f"{self.list_name}: {self.rule}" if self.rule else self.list_name


class _ListEngine(Protocol):
    def check(self, url: str, source_url: str, request_type: str) -> str | bool | None: ...


def request_type_of(resource_type: str, url: str, source_url: str) -> str:
    """The adblock request type for a Playwright resource type (frames are sub-documents)."""
    kind = resource_type.strip().lower()
    if kind == "document":
        return "document" if url == source_url else "sub_frame"
    return RESOURCE_TYPES.get(kind, kind or "other")


class AdblockEngine:
    """One list compiled by Brave's adblock-rust (full EasyList syntax)."""

    name = "adblock-rust"

    def __init__(self, text: str) -> None:
        if not HAVE_ADBLOCK:
            raise RuntimeError("the adblock package is not installed")
        rules = adblock.FilterSet(debug=True)
        rules.add_filter_list(text)
        self._engine = adblock.Engine(rules, optimize=False)

    def check(self, url: str, source_url: str, request_type: str) -> str | bool | None:
        """The matching rule text, ``True`` when matched without a known rule, else ``None``."""
        result = self._engine.check_network_urls(url, source_url, request_type)
        if not result.matched or result.error:
            return None
        return result.filter or True


class DomainRuleEngine:
    """Fallback when adblock-rust is missing: only ``||domain^`` rules (optionally
    ``$third-party``) and ``@@||domain^`` exceptions are understood."""

    name = "domain-rules"

    def __init__(self, text: str) -> None:
        self._block: dict[str, tuple[str, bool]] = {}
        self._allow: set[str] = set()
        for line in text.splitlines():
            match = _DOMAIN_RULE.match(line.strip().lower())
            if match and match.group(1):
                self._allow.add(match.group(2))
            elif match:
                self._block.setdefault(match.group(2), (line.strip(), bool(match.group(3))))

    def check(self, url: str, source_url: str, request_type: str) -> str | bool | None:
        """The ``||domain^`` rule covering the URL's host or a parent, unless excepted."""
        parents = _parents(urlsplit(url).hostname or "")
        if any(p in self._allow for p in parents):
            return None
        page_parents = set(_parents(urlsplit(source_url).hostname or ""))
        for domain in parents:
            rule, third_party_only = self._block.get(domain, ("", False))
            if rule and not (third_party_only and domain in page_parents):
                return rule
        return None


def _parents(host: str) -> list[str]:
    labels = host.lower().strip(".").split(".")
    return [".".join(labels[i:]) for i in range(len(labels)) if labels[i]]


class FilterListMatcher:
    """Several named filter lists, checked in order; the first list that blocks wins."""

    def __init__(self, engines: Mapping[str, _ListEngine], engine_name: str) -> None:
        self._engines = dict(engines)
        self.engine_name = engine_name

    @classmethod
    def from_texts(
        cls, texts: Mapping[str, str], *, full_syntax: bool = HAVE_ADBLOCK
    ) -> FilterListMatcher:
        """Compile each list text (``{"easyprivacy": text, ...}``).

        ``full_syntax`` uses adblock-rust (the default when installed); otherwise only
        ``||domain^`` rules are understood.
        """
        if full_syntax:
            return cls({n: AdblockEngine(t) for n, t in texts.items()}, AdblockEngine.name)
        return cls({n: DomainRuleEngine(t) for n, t in texts.items()}, DomainRuleEngine.name)

    @property
    def list_names(self) -> tuple[str, ...]:
        """The names of the loaded lists, in checking order."""
        return tuple(self._engines)

    def match(self, url: str, source_url: str, resource_type: str) -> FilterMatch | None:
        """Which list (and rule) would block ``url`` requested from ``source_url``."""
        request_type = request_type_of(resource_type, url, source_url)
        for name, engine in self._engines.items():
            hit = engine.check(url, source_url, request_type)
            if hit:
                rule = hit if isinstance(hit, str) else None
                return FilterMatch(list_name=name, rule=rule, engine=self.engine_name)
        return None
