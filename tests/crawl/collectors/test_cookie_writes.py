"""A worker's cookie write made while no visit is open is kept for the next snapshot."""

from __future__ import annotations

from scanner.crawl.book.visits import Visits
from scanner.crawl.collectors.cookies.kept import KeptCookies
from scanner.crawl.collectors.cookies.writes import CookieWrites
from scanner.model import SetBy

SW = "https://www.shop.test/sw.js"


def test_a_write_between_visits_is_handed_over_once_with_its_worker() -> None:
    writes = CookieWrites(Visits(), KeptCookies())
    line = "push_id=abc; Max-Age=2592000; Path=/"
    writes.between_visits(line, SW, SW, 1_700_000_000_000, f"service worker {SW}")
    [write] = writes.take_between()
    assert (write.write.name, write.write.lifetime) == ("push_id", 2592000)
    assert (write.set_by, write.setter_url, write.worker) == (
        SetBy.SCRIPT,
        SW,
        f"service worker {SW}",
    )
    assert writes.take_between() == []


def test_a_page_write_with_no_open_visit_is_not_kept() -> None:
    writes = CookieWrites(Visits(), KeptCookies())
    writes.on_script_write(None, "a=1", "https://www.shop.test/app.js", SW, 0)
    assert writes.take_between() == []
