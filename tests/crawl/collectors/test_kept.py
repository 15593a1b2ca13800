"""Cookies kept through the consent choice: same value, no write after it, still sent."""

from __future__ import annotations

from sample_records import cookie

from scanner.crawl.collectors.cookies.kept import KeptCookies
from scanner.model import Phase, SetBy


def digest(value: str) -> str:
    return f"d-{value}"


def jar(**values: str) -> list[dict[str, str]]:
    return [{"name": n, "domain": ".shop.test", "path": "/", "value": v} for n, v in values.items()]


def tracked() -> KeptCookies:
    kept = KeptCookies()
    for name in ("vid", "ab", "new"):
        phase = Phase.AFTER_CONSENT if name == "new" else Phase.BEFORE_CONSENT
        kept.recorded(
            cookie(name, domain=".shop.test", value_digest=digest("1"), phase=phase,
                   page_url="https://shop.test/", set_by=SetBy.SCRIPT)
        )  # fmt: skip
    return kept


def test_a_cookie_unchanged_since_before_the_choice_is_kept_with_its_evidence() -> None:
    kept = tracked()
    sent = [{"cookie": {"name": "vid", "domain": ".shop.test", "path": "/"}, "blockedReasons": []}]
    kept.sent_with(sent, "https://shop.test/a")
    kept.sent_with(sent, "https://shop.test/a")
    kept.deletion("vid", "https://shop.test/consent.js")
    [found] = [k for k in kept.kept(jar(vid="1"), digest) if k.name == "vid"]
    assert found.set_on == "https://shop.test/"
    assert found.sent_on == ("https://shop.test/a",)
    assert found.deletion_attempts == ("https://shop.test/consent.js",)


def test_a_changed_rewritten_blocked_or_later_cookie_is_not_kept() -> None:
    kept = tracked()
    kept.recorded(
        cookie("ab", domain=".shop.test", value_digest=digest("1"),
               phase=Phase.AFTER_CONSENT, set_by=SetBy.HEADER)
    )  # fmt: skip
    blocked = [{"cookie": {"name": "vid", "domain": ".shop.test", "path": "/"},
                "blockedReasons": ["SameSiteStrict"]}]  # fmt: skip
    kept.sent_with(blocked, "https://shop.test/b")
    assert [k.name for k in kept.kept(jar(vid="1", ab="1", new="1"), digest)] == ["vid"]
    assert kept.kept(jar(vid="2"), digest) == ()
    assert kept.kept(jar(vid="1"), digest)[0].sent_on == ()
