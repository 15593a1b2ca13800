"""Tests for known-cookie lookups: exact, placeholder patterns, prefixes, domains, unknown."""

from __future__ import annotations

import pytest

from scanner.knowledge.cookies import CookieKnowledge, KnownCookie, MatchKind
from scanner.knowledge.loader import bundled_cookies
from scanner.model import Category


def known(
    name: str, match: MatchKind = MatchKind.EXACT, pattern: str | None = None, **kw: object
) -> KnownCookie:
    """A known cookie with defaults for the fields a test does not care about."""
    fields: dict[str, object] = {
        "vendor": "V",
        "category": Category.ANALYTICS,
        "domains": (),
        "retention_text": "1 day",
        "retention_seconds": 86_400,
        "session": False,
        "controller": "C",
        "source": f"test #{name}",
    }
    fields.update(kw)
    return KnownCookie(name=name, match=match, pattern=pattern or name, **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def bundled() -> CookieKnowledge:
    return bundled_cookies()


def test_exact_name(bundled: CookieKnowledge) -> None:
    found = bundled.lookup("_ga")
    assert found is not None
    assert (found.name, found.match, found.vendor) == ("_ga", MatchKind.EXACT, "Google Analytics")
    assert found.category is Category.ANALYTICS
    assert found.retention_seconds == 2 * 365 * 86_400
    assert found.source.startswith("Open Cookie Database #")


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("_ga_ABC123", "_ga_"),
        ("_gat_UA-12345-1", "_gat"),
        ("_hjSessionUser_987", "_hjSessionUser_"),
    ],
)
def test_prefix_entries(bundled: CookieKnowledge, name: str, pattern: str) -> None:
    found = bundled.lookup(name)
    assert found is not None
    assert found.is_prefix
    assert found.pattern == pattern


def test_unknown_name(bundled: CookieKnowledge) -> None:
    assert bundled.lookup("definitely_not_a_known_cookie_42") is None
    assert bundled.lookup("") is None


def test_advertising_cookie_with_domain(bundled: CookieKnowledge) -> None:
    found = bundled.lookup("IDE", ".doubleclick.net")
    assert found is not None
    assert found.category is Category.ADVERTISING
    assert found.domain == "doubleclick.net"


def test_bundled_db_loads_fully(bundled: CookieKnowledge) -> None:
    fresh = bundled_cookies()  # how fast: a benchmark's figure, not a timed test
    assert len(fresh) == len(bundled) > 2000
    assert fresh.version.startswith("bundled: Open Cookie Database")


def test_same_name_prefers_matching_domain() -> None:
    a = known("uid", domains=("alpha.example",), vendor="Alpha")
    b = known("uid", domains=("beta.example",), vendor="Beta")
    kb = CookieKnowledge([a, b])
    assert kb.lookup("uid", ".www.beta.example") == b
    assert kb.lookup("uid", "alpha.example") == a
    assert kb.matches("uid", "beta.example") == [b, a]


def test_exact_beats_pattern_beats_prefix_and_longest_prefix_wins() -> None:
    short = known("_x", MatchKind.PREFIX, vendor="short")
    long = known("_x_y", MatchKind.PREFIX, vendor="long")
    glob = known("_x_<id>_z", MatchKind.GLOB, "_x_*_z", vendor="glob")
    exact = known("_x_y_z", vendor="exact")
    kb = CookieKnowledge([short, long, glob, exact])
    assert kb.lookup("_x_y_z") == exact
    assert kb.lookup("_x_q_z") == glob
    assert kb.lookup("_x_y_w") == long
    assert kb.lookup("_x_other") == short
    assert kb.lookup("_y") is None


def test_one_character_prefix_is_still_found() -> None:
    kb = CookieKnowledge([known("c", MatchKind.PREFIX)])
    assert kb.lookup("cart") is not None
    assert kb.lookup("dart") is None


def test_with_domain_lists_entries_of_a_domain(bundled: CookieKnowledge) -> None:
    names = {c.name for c in bundled.with_domain("doubleclick.net")}
    assert {"IDE", "test_cookie"} <= names
