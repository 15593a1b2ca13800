"""Storage entries in expected_cookies.yaml: types and their words, no lifetime, matching."""

from __future__ import annotations

import pytest

from scanner.declared.loader import parse_declarations
from scanner.declared.matching import match_storage
from scanner.declared.storage_types import parse_type
from scanner.errors import ConfigError
from scanner.model import Category, StorageKind

TEXT = """cookies:
  - name: _ga
    category: analytics
  - name: mp_*_mixpanel
    type: HTML Local Storage
    category: statistics
    provider: Mixpanel
  - name: mp_special_mixpanel
    type: local_storage
    category: necessary
    domain: example.test
  - name: keyval-store/keyval
    type: IndexedDB
    category: analytics
  - name: tab
    type: session_storage
    category: functional
  - name: offline-*
    type: cache_storage
    category: necessary
"""


def test_storage_entries_are_read_apart_from_cookies() -> None:
    declared = parse_declarations(TEXT)
    assert [c.name for c in declared.cookies] == ["_ga"]
    assert [(s.name, s.kind, s.category, s.line) for s in declared.storage] == [
        ("mp_*_mixpanel", StorageKind.LOCAL, Category.ANALYTICS, 4),
        ("mp_special_mixpanel", StorageKind.LOCAL, Category.NECESSARY, 8),
        ("keyval-store/keyval", StorageKind.INDEXEDDB, Category.ANALYTICS, 12),
        ("tab", StorageKind.SESSION, Category.FUNCTIONAL, 15),
        ("offline-*", StorageKind.CACHE, Category.NECESSARY, 18),
    ]


def test_matching_follows_the_cookie_rules() -> None:
    declared = parse_declarations(TEXT)
    exact = match_storage(declared, StorageKind.LOCAL, "mp_special_mixpanel", "www.example.test")
    assert exact is not None and exact.line == 8
    other = match_storage(declared, StorageKind.LOCAL, "mp_special_mixpanel", "other.test")
    assert other is not None and other.line == 4  # the glob; the exact one is for example.test
    assert match_storage(declared, StorageKind.SESSION, "mp_x_mixpanel", "example.test") is None
    hit = match_storage(declared, StorageKind.CACHE, "offline-v2", "x.test")
    assert hit is not None and hit.line == 18


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("type: local_storage\n    max_age: 1 day", "test.yaml:4: cookies[0].max_age: storage"),
        ("type: blob", "test.yaml:3: cookies[0].type: unknown type 'blob' (allowed: cookie, local"),
        ("type: [x]", "test.yaml:3: cookies[0].type:"),
    ],
)
def test_errors_name_file_line_and_key(entry: str, message: str) -> None:
    text = f"cookies:\n  - name: x\n    {entry}\n    category: analytics\n"
    with pytest.raises(ConfigError) as error:
        parse_declarations(text, "test.yaml")
    assert str(error.value).startswith(message)


def test_the_same_key_twice_is_refused_but_a_cookie_of_that_name_is_not() -> None:
    twice = "cookies:\n" + "  - name: x\n    type: local_storage\n    category: necessary\n" * 2
    with pytest.raises(ConfigError, match="local_storage 'x' is declared twice"):
        parse_declarations(twice)
    storage_entry = "  - name: x\n    type: local_storage\n    category: necessary\n"
    both = "cookies:\n  - name: x\n    category: necessary\n" + storage_entry
    declared = parse_declarations(both)
    assert (len(declared.cookies), len(declared.storage)) == (1, 1)


@pytest.mark.parametrize(
    ("word", "entry_type"),
    [
        ("HTTP Cookie", "cookie"),
        ("HTML Local Storage", "local_storage"),
        ("html5-local-storage", "local_storage"),
        ("Ruajtje lokale", "local_storage"),
        ("Stockage local HTML", "local_storage"),
        ("Session storage", "session_storage"),
        ("IndexedDB", "indexeddb"),
        ("Cache Storage", "cache_storage"),
        ("Pixel Tracker", "cookie"),
        ("Purpose", None),
    ],
)
def test_type_words_of_policies(word: str, entry_type: str | None) -> None:
    assert parse_type(word) == entry_type
