"""Tests for scanner.declared.matching: which declaration covers an observed cookie or host."""

from __future__ import annotations

import pytest

from scanner.declared.matching import is_glob, match_cookie, match_third_party
from scanner.model import Category, CookieDeclaration, Declarations, ThirdPartyDeclaration


def cookie(name: str, line: int, domain: str | None = None) -> CookieDeclaration:
    """A cookie declaration with only what matching looks at."""
    return CookieDeclaration(name=name, category=Category.ANALYTICS, line=line, domain=domain)


def party(domain: str, line: int) -> ThirdPartyDeclaration:
    """A third-party declaration with only what matching looks at."""
    return ThirdPartyDeclaration(domain=domain, category=Category.ADVERTISING, line=line)


COOKIES = Declarations(
    cookies=(
        cookie("_ga_*", 1),
        cookie("_ga", 2),
        cookie("sid", 3, "example.com"),
        cookie("sid", 4, "shop.example.com"),
        cookie("pref", 5),
        cookie("pref", 6, "example.com"),
        cookie("*", 7, "ads.net"),
        cookie("tk?", 8),
    )
)


def line_of_cookie(name: str, domain: str) -> int | None:
    """The line of the declaration covering a cookie, or None."""
    found = match_cookie(COOKIES, name, domain)
    return None if found is None else found.line


@pytest.mark.parametrize(
    ("name", "domain", "line"),
    [
        ("_ga", "example.com", 2),  # exact beats the earlier glob
        ("_ga_ABC123", ".example.com", 1),
        ("_ga_", "example.com", 1),
        ("_GA", "example.com", None),  # names are case-sensitive
        ("_gat", "example.com", None),
        ("sid", "example.com", 3),
        ("sid", ".example.com", 3),  # leading dot of a domain cookie
        ("sid", "www.example.com", 3),  # subdomain of the declared domain
        ("sid", "shop.example.com", 4),  # the longer matching domain wins
        ("sid", ".deep.shop.example.com", 4),
        ("sid", "SHOP.Example.COM", 4),  # domains ignore case
        ("sid", "notexample.com", None),  # a suffix is not a subdomain
        ("sid", "example.com.evil.net", None),
        ("sid", "com", None),
        ("pref", "example.com", 6),  # a declared domain beats none
        ("pref", "other.org", 5),
        ("anything", "tracker.ads.net", 7),
        ("anything", "ads.network", None),
        ("tk1", "x.org", 8),
        ("tk12", "x.org", None),
    ],
)
def test_match_cookie(name: str, domain: str, line: int | None) -> None:
    assert line_of_cookie(name, domain) == line


def test_match_cookie_with_no_declarations() -> None:
    assert match_cookie(Declarations(), "_ga", "example.com") is None


def test_exact_name_wins_even_when_the_glob_has_a_domain() -> None:
    decls = Declarations(cookies=(cookie("_ga*", 1, "example.com"), cookie("_ga", 2)))
    found = match_cookie(decls, "_ga", "example.com")
    assert found is not None and found.line == 2


PARTIES = Declarations(
    third_parties=(
        party("*.google-analytics.com", 1),
        party("facebook.com", 2),
        party("connect.facebook.net", 3),
        party("cdn.example-cdn.net", 4),
        party("example-cdn.net", 5),
        party("tracker-*.io", 6),
        party("google-analytics.com", 7),
    )
)


def line_of_party(host: str, site: str) -> int | None:
    """The line of the declaration covering a host, or None."""
    found = match_third_party(PARTIES, host, site)
    return None if found is None else found.line


@pytest.mark.parametrize(
    ("host", "site", "line"),
    [
        ("facebook.com", "facebook.com", 2),  # equals the registrable domain
        ("www.facebook.com", "facebook.com", 2),  # subdomain of it
        ("WWW.Facebook.com.", "facebook.com", 2),  # case and trailing dot
        ("connect.facebook.net", "facebook.net", 3),  # equals the host
        ("static.facebook.net", "facebook.net", None),  # host declared, sibling is not
        ("cdn.example-cdn.net", "example-cdn.net", 4),  # the longest literal wins
        ("img.example-cdn.net", "example-cdn.net", 5),
        ("region1.google-analytics.com", "google-analytics.com", 7),  # literal beats glob
        ("tracker-eu.io", "tracker-eu.io", 6),  # glob on the registrable domain
        ("a.tracker-eu.io", "tracker-eu.io", 6),
        ("tracker.io", "tracker.io", None),
        ("notfacebook.com", "notfacebook.com", None),
        ("facebook.com.evil.net", "evil.net", None),
    ],
)
def test_match_third_party(host: str, site: str, line: int | None) -> None:
    assert line_of_party(host, site) == line


def test_star_dot_glob_also_covers_the_bare_domain() -> None:
    decls = Declarations(third_parties=(party("*.doubleclick.net", 1),))
    for host in ("doubleclick.net", "ad.doubleclick.net", "a.b.doubleclick.net"):
        assert match_third_party(decls, host, "doubleclick.net") is not None
    assert match_third_party(decls, "doubleclick.network", "doubleclick.network") is None
    assert match_third_party(decls, "notdoubleclick.net", "notdoubleclick.net") is None


def test_globs_are_tried_in_file_order() -> None:
    decls = Declarations(third_parties=(party("*.net", 1), party("*.cdn.net", 2)))
    found = match_third_party(decls, "a.cdn.net", "cdn.net")
    assert found is not None and found.line == 1


@pytest.mark.parametrize(
    ("text", "glob"), [("_ga_*", True), ("tk?", True), ("[ab]x", True), ("_ga", False)]
)
def test_is_glob(text: str, glob: bool) -> None:
    assert is_glob(text) is glob
