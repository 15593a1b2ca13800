"""Find the declaration that covers an observed cookie, storage key or third-party host."""

from __future__ import annotations

from fnmatch import fnmatchcase

from scanner.model import (
    CookieDeclaration,
    Declarations,
    StorageDeclaration,
    StorageKind,
    TechniqueDeclaration,
    ThirdPartyDeclaration,
)

_GLOB_CHARS = frozenset("*?[")


def is_glob(pattern: str) -> bool:
    """Whether a declared name or domain is a glob rather than a literal."""
    return not _GLOB_CHARS.isdisjoint(pattern)


def match_cookie(decls: Declarations, name: str, domain: str) -> CookieDeclaration | None:
    """The declaration covering cookie ``name`` set on ``domain``, or ``None``.

    Names are case-sensitive; an exact name beats a glob (``fnmatchcase``). A declared
    domain must equal the cookie's domain (leading dot ignored) or be a parent of it.
    Among equals, a declared domain beats none and the longer domain wins; then file order.
    """
    host = _host(domain)
    found = [d for d in decls.cookies if _name_matches(d.name, name) and _within(host, d.domain)]
    if not found:
        return None
    return min(found, key=lambda d: (is_glob(d.name), -len(d.domain or ""), d.line))


def match_third_party(
    decls: Declarations, host: str, registrable_domain: str
) -> ThirdPartyDeclaration | None:
    """The declaration covering a request to ``host``, or ``None``.

    A literal domain matches when it is the registrable domain or the host, or a parent of
    the host; the longest literal wins. Otherwise the first glob (in file order) matching
    the host or the registrable domain; ``*.example.net`` also covers ``example.net``.
    """
    host, site = _host(host), _host(registrable_domain)
    literal = [d for d in decls.third_parties if not is_glob(d.domain)]
    hits = [d for d in literal if d.domain == site or _within(host, d.domain)]
    if hits:
        return max(hits, key=lambda d: (len(d.domain), -d.line))
    globs = (d for d in decls.third_parties if is_glob(d.domain))
    return next((d for d in globs if _glob_matches(d.domain, host, site)), None)


def match_technique(
    decls: Declarations, technique: str, host: str, registrable_domain: str
) -> TechniqueDeclaration | None:
    """The declaration of ``technique`` used by a script on ``host``, or ``None``.

    A declaration without ``script`` covers every script; otherwise its domain or glob must
    cover the host as for third parties. The first match in file order wins.
    """
    host, site = _host(host), _host(registrable_domain)
    for declared in (d for d in decls.techniques if d.technique == technique):
        script = declared.script
        if script is None or (
            _glob_matches(script, host, site) if is_glob(script) else _within(host, script)
        ):
            return declared
    return None


def _name_matches(declared: str, name: str) -> bool:
    """Exact or glob match of a cookie name (case-sensitive)."""
    return declared == name or (is_glob(declared) and fnmatchcase(name, declared))


def _within(host: str, declared: str | None) -> bool:
    """Whether ``host`` is the declared domain or one of its subdomains (no domain: yes)."""
    return declared is None or host == declared or host.endswith("." + declared)


def _glob_matches(pattern: str, host: str, site: str) -> bool:
    """Whether a domain glob matches the host or registrable domain."""
    bare = pattern[2:] if pattern.startswith("*.") and not is_glob(pattern[2:]) else None
    candidates = (host, site)
    return any(fnmatchcase(c, pattern) or c == bare for c in candidates)


def _host(domain: str) -> str:
    """A host or cookie domain in the form declarations use: lower case, no outer dots."""
    return domain.strip().lower().strip(".")


def match_storage(
    decls: Declarations, kind: StorageKind, key: str, host: str
) -> StorageDeclaration | None:
    """The storage declaration covering ``key`` of ``kind`` on an origin's ``host``, or ``None``.

    The same rules as for cookies: names case-sensitive, an exact name beats a glob, a declared
    domain must be the host or a parent of it; then the longer domain, then file order.
    """
    host = _host(host)
    found = [
        d
        for d in decls.storage
        if d.kind is kind and _name_matches(d.name, key) and _within(host, d.domain)
    ]
    if not found:
        return None
    return min(found, key=lambda d: (is_glob(d.name), -len(d.domain or ""), d.line))
