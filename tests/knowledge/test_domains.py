"""Registrable domains and parties from the bundled public suffix list, offline."""

from __future__ import annotations

import pytest

from scanner.knowledge.domains import cookie_site, domain_matches, party_of, registrable_domain
from scanner.model import Party


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("a.b.github.io", "b.github.io"),
        ("www.demo-shop.test", "demo-shop.test"),
        ("cdn.staging.internal", "staging.internal"),
        ("localhost", "localhost"),
        ("127.0.0.1", "127.0.0.1"),
        ("WWW.Example.COM.", "example.com"),
    ],
)
def test_registrable_domain(host: str, expected: str) -> None:
    assert registrable_domain(host) == expected


def test_party_and_cookie_site() -> None:
    assert party_of("static.shop.test", "shop.test") is Party.FIRST
    assert party_of("ads.adnetwork.test", "shop.test") is Party.THIRD
    assert cookie_site(".www.example.co.uk") == "example.co.uk"


def test_domain_matches_is_suffix_on_label_boundary() -> None:
    assert domain_matches("a.example.com", "example.com")
    assert domain_matches(".example.com", "example.com")
    assert not domain_matches("notexample.com", "example.com")
