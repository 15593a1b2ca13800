"""A worker's cookie write made while no visit is open is kept for the next snapshot."""

from __future__ import annotations

from scanner.crawl.beacons import Beacons
from scanner.crawl.kept import KeptCookies
from scanner.crawl.visit_events import VisitEvents
from scanner.model import SetBy

SW = "https://www.shop.test/sw.js"


def test_a_write_between_visits_is_handed_over_once_with_its_worker() -> None:
    events = VisitEvents(Beacons(), KeptCookies())
    line = "push_id=abc; Max-Age=2592000; Path=/"
    events.between_visits(line, SW, SW, 1_700_000_000_000, f"service worker {SW}")
    [write] = events.take_between()
    assert (write.write.name, write.write.lifetime) == ("push_id", 2592000)
    assert (write.set_by, write.setter_url, write.worker) == (
        SetBy.SCRIPT,
        SW,
        f"service worker {SW}",
    )
    assert events.take_between() == []


def test_a_page_write_with_no_open_visit_is_not_kept() -> None:
    events = VisitEvents(Beacons(), KeptCookies())
    events.on_script_write({"page": None}, "a=1", "https://www.shop.test/app.js", SW, 0)
    assert events.take_between() == []
