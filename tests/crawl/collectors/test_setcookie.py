"""Set-Cookie and document.cookie parsing: what lifetime the site asked for."""

from __future__ import annotations

from email.utils import formatdate

from scanner.crawl.collectors.cookies.setcookie import parse_cookie_write, response_time

NOW = 1_800_000_000.0


def test_max_age_wins_over_expires() -> None:
    line = f"a=1; Max-Age=60; Expires={formatdate(NOW + 9999, usegmt=True)}; Path=/"
    write = parse_cookie_write(line, "www.shop.test", NOW)
    assert write is not None
    assert (write.name, write.lifetime, write.raw_expiry) == ("a", 60, "Max-Age=60")
    assert write.domain == "www.shop.test" and write.path == "/"


def test_expires_is_relative_to_the_response_date() -> None:
    write = parse_cookie_write(
        f"_ga=GA1.1; expires={formatdate(NOW + 63_072_000, usegmt=True)}; domain=.shop.test",
        "www.shop.test",
        NOW,
    )
    assert write is not None
    assert write.lifetime == 63_072_000 and write.domain == "shop.test"


def test_session_cookie_has_no_lifetime() -> None:
    write = parse_cookie_write("sid=abc; HttpOnly; Secure", "shop.test", NOW)
    assert write is not None and write.lifetime is None and not write.deletion


def test_deletions_are_recognised() -> None:
    past = parse_cookie_write("a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "x.test", NOW)
    zero = parse_cookie_write("a=; Max-Age=0", "x.test", NOW)
    assert past is not None and past.deletion
    assert zero is not None and zero.deletion


def test_value_never_kept_and_odd_input_tolerated() -> None:
    write = parse_cookie_write("token=s3cr3t=with=equals; Max-Age=abc", "x.test", NOW)
    assert write is not None and write.name == "token" and write.lifetime is None
    assert "s3cr3t" not in repr(write)
    assert parse_cookie_write("", "x.test", NOW) is None


def test_response_time_reads_the_date_header_or_falls_back() -> None:
    assert response_time(formatdate(NOW, usegmt=True), 5.0) == NOW
    assert response_time("garbage", 5.0) == 5.0
    assert response_time(None, 5.0) == 5.0
