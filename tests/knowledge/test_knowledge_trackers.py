"""Tests for tracker-domain lookups and the bundled curated list."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from scanner.knowledge.loader import bundled_trackers
from scanner.knowledge.trackers import KnownTracker, TrackerKnowledge, normalise_host
from scanner.model import Category


@pytest.fixture(scope="module")
def trackers() -> TrackerKnowledge:
    return bundled_trackers()


@pytest.mark.parametrize(
    ("host", "domain", "category"),
    [
        ("www.google-analytics.com", "google-analytics.com", Category.ANALYTICS),
        ("stats.g.doubleclick.net", "doubleclick.net", Category.ADVERTISING),
        ("connect.facebook.net", "facebook.net", Category.ADVERTISING),
        ("fonts.googleapis.com", "fonts.googleapis.com", Category.FUNCTIONAL),
        ("cdn.jsdelivr.net", "jsdelivr.net", Category.NECESSARY),
        ("STATIC.HOTJAR.COM.", "hotjar.com", Category.ANALYTICS),
        ("stats.wp.com", "stats.wp.com", Category.ANALYTICS),
        ("i0.wp.com", "wp.com", Category.FUNCTIONAL),
    ],
)
def test_host_or_parent_domain(
    trackers: TrackerKnowledge, host: str, domain: str, category: Category
) -> None:
    found = trackers.lookup(host)
    assert found is not None
    assert (found.domain, found.category) == (domain, category)
    assert found.source == f"cookiescan curated list: {domain}"


@pytest.mark.parametrize("host", ["example.com", "notgoogle-analytics.com", "com", "", "localhost"])
def test_unknown_hosts(trackers: TrackerKnowledge, host: str) -> None:
    assert trackers.lookup(host) is None


def test_most_specific_entry_wins() -> None:
    kb = TrackerKnowledge(
        [
            KnownTracker("example.net", "Parent", Category.FUNCTIONAL, "t"),
            KnownTracker("ads.example.net", "Child", Category.ADVERTISING, "t"),
        ]
    )
    assert kb.lookup("x.ads.example.net") == kb.lookup("ads.example.net")
    assert kb.lookup("ads.example.net") is not None
    assert kb.lookup("cdn.example.net") == KnownTracker(
        "example.net", "Parent", Category.FUNCTIONAL, "t"
    )


@pytest.mark.parametrize(
    ("raw", "host"),
    [("Example.COM:8443", "example.com"), ("https://a.b.test/x", "a.b.test"), ("[::1]:80", "::1")],
)
def test_normalise_host(raw: str, host: str) -> None:
    assert normalise_host(raw) == host


def test_bundled_list_is_large_valid_and_unique() -> None:
    text = resources.files("scanner.knowledge.data").joinpath("trackers.json").read_text("utf-8")
    data = json.loads(text)
    domains = [t["domain"] for t in data["trackers"]]
    assert data["header"]["source"] == "cookiescan curated list"
    assert data["header"]["entries"] == len(domains) >= 200
    assert len(set(domains)) == len(domains) and domains == sorted(domains)
    valid = {"analytics", "advertising", "functional", "necessary"}
    assert all(t["category"] in valid and t["organisation"] for t in data["trackers"])
    wanted = {"googletagmanager.com", "clarity.ms", "criteo.com", "demdex.net", "segment.io"}
    assert wanted <= set(domains)
