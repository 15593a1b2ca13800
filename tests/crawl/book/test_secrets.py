"""Cookie values a site copied into a URL are digested in the records (no browser)."""

from __future__ import annotations

from scanner.crawl.book.secrets import SecretValues
from scanner.model.digest import keyed_digest

KEY = b"k" * 32
ID = "TL1.abc123xyz.1700000000000"


def test_a_value_in_the_query_is_replaced_by_its_digest_raw_and_encoded() -> None:
    secrets = SecretValues(KEY)
    secrets.learn([ID])
    digest = "digest:" + keyed_digest(KEY, ID)
    url = f"https://m.test/collect?v=1&cid={ID}&again={ID.replace('.', '%2E')}"
    assert (
        secrets.scrub(url)
        == f"https://m.test/collect?v=1&cid={digest}&again={ID.replace('.', '%2E')}"
    )
    secrets.learn(["id=a b+c/d"])
    other = "digest:" + keyed_digest(KEY, "id=a b+c/d")
    for form in ("id%3Da%20b%2Bc%2Fd", "id%3Da+b%2Bc%2Fd"):  # quote, quote_plus
        assert secrets.scrub(f"https://m.test/c?u={form}") == f"https://m.test/c?u={other}"


def test_the_address_short_values_and_urls_are_kept() -> None:
    secrets = SecretValues(KEY)
    secrets.learn(["1", "true", "abc123xyz", "https://www.shop.test/"])
    assert secrets.scrub("https://abc123xyz.test/abc123xyz?x=1&flag=true") == (
        "https://abc123xyz.test/abc123xyz?x=1&flag=true"
    )
    page = "https://m.test/p?dl=https%3A%2F%2Fwww.shop.test%2F"
    assert secrets.scrub(page) == page  # a URL-valued cookie would blank every address
    assert secrets.scrub("https://m.test/p#abc123xyz").endswith(
        "#digest:" + keyed_digest(KEY, "abc123xyz")
    )


def test_nothing_learned_changes_nothing() -> None:
    assert SecretValues(KEY).scrub("https://m.test/c?cid=" + ID) == "https://m.test/c?cid=" + ID
