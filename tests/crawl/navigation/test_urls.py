"""Strict URL checks: malformed links are skipped with a reason, never an exception."""

from __future__ import annotations

import pytest

from scanner.crawl.navigation.frontier import Frontier
from scanner.crawl.navigation.links import LinkPolicy, discover_links, normalize_url
from scanner.crawl.navigation.urls import UrlProblem, split_url, url_problem
from scanner.crawl.options import CrawlSettings
from scanner.errors import ConfigError
from scanner.settings.parse import parse_target


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://host.test:99999/x", "port out of range 1-65535"),
     ("http://host.test:abc/x", "port is not a number"),
     ("http://[::1/x", "invalid IPv6 address"),
     ("http://host.test:0/", "port 0 is out of range 1-65535"),
     ("javascript:alert(1)", "scheme 'javascript' is not http or https"),
     ("ftp://host.test/", "scheme 'ftp' is not http or https"),
     ("http:///path", "no host name"),
     ("http://exa mple.test/", "invalid host name"),
     ("http://-bad-.test/", "invalid host name"),
     ("http://[zz::1]/", "invalid IPv6 address"),
     ("http://host.test/a\x00b", "contains control characters")],
)  # fmt: skip
def test_malformed_urls_have_a_reason(url: str, reason: str) -> None:
    assert url_problem(url) == reason
    with pytest.raises(UrlProblem):
        split_url(url)


@pytest.mark.parametrize(
    "url",
    ["https://www.shop.test/", "http://[::1]:8080/x", "https://xn--bcher-kva.test/a b",
     "https://bücher.test/", "http://127.0.0.1:65535/"],
)  # fmt: skip
def test_valid_urls_pass(url: str) -> None:
    assert url_problem(url) is None


def test_bad_links_are_skipped_with_reasons_and_the_good_ones_kept() -> None:
    html = """<a href="http://www.shop.test:99999/x">a</a><a href="http://[::1/x">b</a>
    <a href="/ok">ok</a><a href="http://www.shop.test:abc/">c</a>"""
    found = discover_links(html, "https://www.shop.test/")
    assert found.links == ("https://www.shop.test/ok",)
    assert [(s.url, s.reason) for s in found.skipped] == [
        ("http://www.shop.test:99999/x", "port out of range 1-65535"),
        ("http://[::1/x", "invalid IPv6 address"),
        ("http://www.shop.test:abc/", "port is not a number"),
    ]
    assert {s.page_url for s in found.skipped} == {"https://www.shop.test/"}


def test_a_broken_base_href_falls_back_to_the_page_url() -> None:
    found = discover_links('<base href="http://[::1/"><a href="x">x</a>', "https://a.test/d/")
    assert found.links == ("https://a.test/d/x",)


def test_skipped_links_are_bounded_per_page() -> None:
    html = "".join(f'<a href="http://a.test:{70000 + n}/">x</a>' for n in range(500))
    assert len(discover_links(html, "https://a.test/").skipped) == 50


def test_the_frontier_and_the_policy_ignore_malformed_urls() -> None:
    policy = LinkPolicy(frozenset({"shop.test"}))
    frontier = Frontier(policy, CrawlSettings(max_pages=5, depth=3))
    frontier.add("https://www.shop.test/", 0, seed=True)
    for bad in ("http://www.shop.test:99999/", "http://[::1/x", "javascript:alert(1)"):
        frontier.add(bad, 1)
        assert not policy.follows(bad)
    assert frontier.queue.qsize() == 1
    with pytest.raises(ValueError):
        normalize_url("http://www.shop.test:abc/")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("example.com", "https://example.com"), ("example.com:8443/x", "https://example.com:8443/x"),
     ("localhost:8080", "https://localhost:8080"), (" https://a.test/ ", "https://a.test/"),
     ("http://[::1]:8080/", "http://[::1]:8080/")],
)  # fmt: skip
def test_start_urls_accept_hosts_with_ports(given: str, expected: str) -> None:
    assert parse_target(given) == expected


@pytest.mark.parametrize(
    "given",
    ["javascript:alert(1)", "mailto:a@b.test", "file:///etc/passwd", "ftp://x.test/",
     "http://h.test:99999/x", "http://h.test:abc/x", "http://[::1/x", "https://"],
)  # fmt: skip
def test_start_urls_are_validated_strictly(given: str) -> None:
    with pytest.raises(ConfigError, match="is not an http\\(s\\) URL to scan"):
        parse_target(given)


def test_include_and_exclude_globs_that_look_like_broken_urls_never_raise() -> None:
    policy = LinkPolicy(frozenset({"shop.test"}), ("http://[::1/*", "*:99999/*"), ("[",))
    assert not policy.follows("https://www.shop.test/a")
    assert not policy.follows("http://www.shop.test:99999/a")
    assert LinkPolicy(frozenset({"shop.test"}), (), ("[",)).follows("https://www.shop.test/a")
