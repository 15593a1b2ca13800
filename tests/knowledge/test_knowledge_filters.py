"""Tests for filter-list matching on a small local list, with both engines."""

from __future__ import annotations

import pytest

from scanner.knowledge.filters import HAVE_ADBLOCK, FilterListMatcher, request_type_of

PAGE = "https://shop.example/"


@pytest.fixture(params=[True, False], ids=["adblock-rust", "domain-rules"])
def matcher(request: pytest.FixtureRequest, mini_easyprivacy: str) -> FilterListMatcher:
    if request.param and not HAVE_ADBLOCK:
        pytest.skip("adblock is not installed")
    return FilterListMatcher.from_texts(
        {"easyprivacy": mini_easyprivacy}, full_syntax=request.param
    )


def test_domain_rule_matches_host_and_subdomains(matcher: FilterListMatcher) -> None:
    for url in ("https://tracker.test/t.js", "https://cdn.tracker.test/x?y=1"):
        hit = matcher.match(url, PAGE, "script")
        assert hit is not None
        assert (hit.list_name, hit.rule) == ("easyprivacy", "||tracker.test^")
        assert hit.source == "easyprivacy: ||tracker.test^"


def test_unlisted_and_lookalike_hosts_do_not_match(matcher: FilterListMatcher) -> None:
    assert matcher.match("https://shop.example/app.js", PAGE, "script") is None
    assert matcher.match("https://nottracker.test/a.js", PAGE, "script") is None


def test_third_party_option(matcher: FilterListMatcher) -> None:
    hit = matcher.match("https://metrics.example/c", PAGE, "xhr")
    assert hit is not None and hit.rule == "||metrics.example^$third-party"
    assert matcher.match("https://metrics.example/c", "https://www.metrics.example/", "xhr") is None


def test_domain_exception_rule_wins(matcher: FilterListMatcher) -> None:
    assert matcher.match("https://ok.tracker.test/a.js", PAGE, "script") is None
    assert matcher.match("https://cdn.ok.tracker.test/a.js", PAGE, "script") is None


@pytest.mark.skipif(not HAVE_ADBLOCK, reason="adblock is not installed")
def test_full_syntax_rules(mini_easyprivacy: str) -> None:
    m = FilterListMatcher.from_texts({"easyprivacy": mini_easyprivacy}, full_syntax=True)
    hit = m.match("https://cdn.shop.example/collect?tid=G-1", PAGE, "fetch")
    assert hit is not None and hit.rule == "/collect?tid=$xmlhttprequest,image"
    assert m.match("https://cdn.shop.example/collect?tid=G-1", PAGE, "script") is None
    assert m.match("https://pixel.example.net/p.gif", PAGE, "image") is not None
    assert m.match("https://pixel.example.net/p.gif", PAGE, "script") is None
    assert m.match("https://tracker.test/allowed.js", PAGE, "script") is None
    assert m.engine_name == "adblock-rust"


def test_first_list_that_matches_is_named(mini_easyprivacy: str) -> None:
    m = FilterListMatcher.from_texts({"mine": "||other.test^\n", "easyprivacy": mini_easyprivacy})
    assert m.list_names == ("mine", "easyprivacy")
    hit = m.match("https://tracker.test/a", PAGE, "image")
    assert hit is not None and hit.list_name == "easyprivacy"
    other = m.match("https://other.test/a", PAGE, "image")
    assert other is not None and other.list_name == "mine"


@pytest.mark.parametrize(
    ("resource", "url", "expected"),
    [
        ("fetch", "https://a.test/", "xmlhttprequest"),
        ("xhr", "https://a.test/", "xmlhttprequest"),
        ("document", PAGE, "document"),
        ("document", "https://frame.test/", "sub_frame"),
        ("script", "https://a.test/", "script"),
        ("", "https://a.test/", "other"),
    ],
)
def test_request_types(resource: str, url: str, expected: str) -> None:
    assert request_type_of(resource, url, PAGE) == expected
