"""Load and validate expected_cookies.yaml into ``model.Declarations``, with file:line errors.

Format (keys are optional unless marked required)::

    site: https://www.example.com    # default target to scan: an http(s) URL
    first_party:                     # more registrable domains the brand serves from
      - example-static.com           # (the landed site, the start URL's and site:'s always are)
    consent:                         # how to answer the consent banner
      accept: "#accept-all"          # a CSS selector, or a list of selectors clicked in order
      reject: ["#settings", "#reject-all"]
    cookies:                         # every cookie (and storage key) the site declares
      - name: _ga                    # required: the exact name, or a glob such as _ga_*
        type: cookie                 # the default; local_storage, session_storage, indexeddb,
                                     #   cache_storage: see storage_section.py
        category: analytics          # required: necessary | functional | analytics | advertising
        provider: Google Analytics   # who sets it
        domain: example.com          # the cookie's domain; its subdomains match too
        max_age: 13 months           # declared lifetime: session, 30 days, 2y, P1Y2M, seconds
        purpose: Distinguishes visitors
    third_parties:                   # every third-party domain the site loads
      - domain: google-analytics.com # required: registrable domain, host or glob (*.example.net)
        category: analytics          # required, as for cookies
        provider: Google
        purpose: Measures visits
    techniques: ...                  # fingerprinting / session recording admitted to: see
                                     # scanner/declared/techniques.py
    policy: ...                      # team limits: see scanner/policy_section.py
    waivers: ...                     # accepted findings with owner and expiry: ditto
    login: ...                       # signing in before the crawl: see login_section.py

Categories also accept synonyms (essential, statistics, marketing, ...: data/categories.yaml).
Errors are ``ConfigError`` at ``file:line`` naming the key (``cookies[3].max_age``; list
indexes count from 0). Unknown keys are reported through ``warn`` and ignored. An empty file
declares nothing.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from scanner.declared.login_section import parse_login
from scanner.declared.policy_section import parse_policy, parse_waivers
from scanner.declared.storage_section import entry_type, parse_storage
from scanner.declared.storage_types import COOKIE
from scanner.declared.techniques import parse_techniques
from scanner.declared.yamlnodes import NodeReader, Warn, compose, kind, line_of, present, tag
from scanner.errors import ConfigError
from scanner.model import (
    Category,
    ConsentControls,
    CookieDeclaration,
    Declarations,
    ThirdPartyDeclaration,
)
from scanner.model.yaml_data import load_yaml

MAX_FILE_BYTES = 5_000_000
_TOP_KEYS = (
    "site",
    "first_party",
    "consent",
    "cookies",
    "third_parties",
    "techniques",
    "policy",
    "waivers",
    "login",
)
_CONSENT_KEYS = ("accept", "reject")
_COOKIE_KEYS = ("name", "type", "category", "provider", "domain", "max_age", "purpose")
_THIRD_PARTY_KEYS = ("domain", "category", "provider", "purpose")
_ALLOWED_CATEGORIES = "necessary, functional, analytics, advertising"


def parse_category(text: str) -> Category | None:
    """The category a word names ("Strictly necessary" -> NECESSARY), or ``None``."""
    return _category_words().get(_normalise_word(text))


@cache
def _category_words() -> dict[str, Category]:
    """The synonym table of data/categories.yaml, keyed by normalised word."""
    source = resources.files("scanner").joinpath("data/categories.yaml").read_text("utf-8")
    table: dict[str, list[str]] = load_yaml(source)
    return {_normalise_word(w): Category(name) for name, words in table.items() for w in words}


def _normalise_word(text: str) -> str:
    """Lower case without spaces, underscores or hyphens."""
    return re.sub(r"[\s_-]+", "", text.lower())


def _noop(message: str) -> None:
    """The default ``warn``: ignore the message."""


def load_declarations(path: Path, warn: Warn | None = None) -> Declarations:
    """Read and validate a declarations file; ``ConfigError`` names file, line and key.

    Files over MAX_FILE_BYTES are refused before they are read.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1_000_000
            message = f"{size / 1_000_000:.1f} MB is over the {limit} MB limit for a declared file"
            raise ConfigError(message, location=str(path))
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise ConfigError("declarations file not found", location=str(path)) from e
    except UnicodeDecodeError as e:
        line = e.object[: e.start].count(b"\n") + 1
        raise ConfigError(f"not valid UTF-8 (byte {e.start})", location=f"{path}:{line}") from e
    except OSError as e:
        reason = e.strerror or str(e)
        raise ConfigError(f"cannot read declarations file: {reason}", location=str(path)) from e
    return parse_declarations(text, str(path), warn)


def parse_declarations(text: str, path: str = "<string>", warn: Warn | None = None) -> Declarations:
    """Validate declarations given as YAML text; ``path`` is only used in messages."""
    root = compose(text, path)
    if root is None or tag(root) == "null":
        return Declarations(path=path)
    reader = NodeReader(path, warn or _noop)
    if not isinstance(root, MappingNode):
        expected = f"a mapping with keys {', '.join(_TOP_KEYS)}"
        raise reader.error(root, "", f"the top level must be {expected}, got {kind(root)}")
    fields = reader.mapping(root, "", _TOP_KEYS)
    site, consent = present(fields, "site"), present(fields, "consent")
    return Declarations(
        path=path,
        site=None if site is None else _site(reader, site),
        consent=ConsentControls() if consent is None else _consent(reader, consent),
        cookies=_cookies(reader, fields.get("cookies")),
        storage=parse_storage(reader, fields.get("cookies"), _category),
        third_parties=_third_parties(reader, fields.get("third_parties")),
        waivers=parse_waivers(reader, fields.get("waivers"), date.today()),
        techniques=parse_techniques(reader, fields.get("techniques"), _category),
        policy=parse_policy(reader, present(fields, "policy")),
        login=parse_login(reader, present(fields, "login")),
        first_party=_first_party(reader, fields.get("first_party")),
    )


def _site(reader: NodeReader, node: Node) -> str:
    """The default target URL, which must be http(s) with a host."""
    return reader.url(node, "site")


def _first_party(reader: NodeReader, node: Node | None) -> tuple[str, ...]:
    """More first-party domains: a list of domains, each once."""
    domains: list[str] = []
    for index, item in enumerate(reader.sequence(node, "first_party")):
        domain = reader.domain(item, f"first_party[{index}]", False)
        if domain in domains:
            message = f"domain '{domain}' is listed twice"
            raise reader.error(item, f"first_party[{index}]", message)
        domains.append(domain)
    return tuple(domains)


def _consent(reader: NodeReader, node: Node) -> ConsentControls:
    """The declared accept / reject selector sequences."""
    fields = reader.mapping(node, "consent", _CONSENT_KEYS)
    accept = _selectors(reader, present(fields, "accept"), "consent.accept")
    return ConsentControls(accept, _selectors(reader, present(fields, "reject"), "consent.reject"))


def _selectors(reader: NodeReader, node: Node | None, where: str) -> tuple[str, ...]:
    """One selector or a list of them, each non-empty."""
    if node is None:
        return ()
    many = isinstance(node, SequenceNode)
    items = reader.sequence(node, where) if many else [node]
    selectors = []
    for index, item in enumerate(items):
        label = f"{where}[{index}]" if many else where
        selector = reader.string(item, label, "a CSS selector or a list of them").strip()
        if not selector:
            raise reader.error(item, label, "a selector must not be empty")
        selectors.append(selector)
    return tuple(selectors)


def _cookies(reader: NodeReader, node: Node | None) -> tuple[CookieDeclaration, ...]:
    """Every cookie declaration, refusing two with the same name and domain."""
    declarations: list[CookieDeclaration] = []
    first_line: dict[tuple[str, str | None], int] = {}
    for index, item in enumerate(reader.sequence(node, "cookies")):
        if entry_type(reader, item, f"cookies[{index}]") != COOKIE:
            continue  # a storage entry (storage_section.py)
        cookie = _cookie(reader, item, f"cookies[{index}]")
        key = (cookie.name, cookie.domain)
        if key in first_line:
            subject = f"cookie '{cookie.name}'" + (f" (domain {cookie.domain})" if key[1] else "")
            message = f"{subject} is declared twice (first at line {first_line[key]})"
            raise reader.error(item, f"cookies[{index}]", message)
        first_line[key] = cookie.line
        declarations.append(cookie)
    return tuple(declarations)


def _cookie(reader: NodeReader, item: Node, where: str) -> CookieDeclaration:
    """One validated cookie declaration."""
    fields = reader.mapping(item, where, _COOKIE_KEYS)
    name_node = reader.required(item, fields, "name", where)
    name = reader.string(name_node, f"{where}.name").strip()
    if not name:
        raise reader.error(name_node, f"{where}.name", "a cookie name must not be empty")
    domain, max_age = present(fields, "domain"), present(fields, "max_age")
    lifetime = None if max_age is None else reader.lifetime(max_age, f"{where}.max_age")
    return CookieDeclaration(
        name=name,
        category=_category(reader, reader.required(item, fields, "category", where), where),
        line=line_of(item),
        provider=reader.optional_text(fields, "provider", where),
        domain=None if domain is None else reader.domain(domain, f"{where}.domain", False),
        max_age=lifetime[0] if lifetime else None,
        max_age_text=lifetime[1] if lifetime else None,
        purpose=reader.optional_text(fields, "purpose", where),
    )


def _category(reader: NodeReader, node: Node, where: str) -> Category:
    """A category from its name or a synonym; unknown words list the allowed ones."""
    text = reader.string(node, f"{where}.category")
    category = parse_category(text)
    if category is None:
        message = f"unknown category {text.strip()!r} (allowed: {_ALLOWED_CATEGORIES}"
        message += ", or a synonym such as 'essential', 'statistics', 'marketing')"
        raise reader.error(node, f"{where}.category", message)
    return category


def _third_parties(reader: NodeReader, node: Node | None) -> tuple[ThirdPartyDeclaration, ...]:
    """Every third-party declaration, refusing the same domain twice."""
    declarations: list[ThirdPartyDeclaration] = []
    first_line: dict[str, int] = {}
    for index, item in enumerate(reader.sequence(node, "third_parties")):
        where = f"third_parties[{index}]"
        fields = reader.mapping(item, where, _THIRD_PARTY_KEYS)
        domain_node = reader.required(item, fields, "domain", where)
        domain = reader.domain(domain_node, f"{where}.domain", True)
        if domain in first_line:
            message = f"domain '{domain}' is declared twice (first at line {first_line[domain]})"
            raise reader.error(item, where, message)
        first_line[domain] = line_of(item)
        category = _category(reader, reader.required(item, fields, "category", where), where)
        provider = reader.optional_text(fields, "provider", where)
        purpose = reader.optional_text(fields, "purpose", where)
        declarations.append(
            ThirdPartyDeclaration(domain, category, line_of(item), provider, purpose)
        )
    return tuple(declarations)
