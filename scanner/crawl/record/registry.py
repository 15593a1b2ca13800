"""Which collectors a state runs, in the order each lifecycle step calls them.

The order matters where one collector reads what another put into the visit's book: the
cookie jar is read before the page is left, the page is left (beacons) before requests are
turned into records and before what was sent is searched; the visitor's interaction comes
before the typing, so the scripts it made the page load see the marker typed. A new signal
is one collector class and one line here.
"""

from __future__ import annotations

from scanner.crawl.book.state import StateBook
from scanner.crawl.collectors.api_calls import ApiCallsCollector
from scanner.crawl.collectors.base import Collector
from scanner.crawl.collectors.beacons import BeaconsCollector
from scanner.crawl.collectors.cookies.collector import CookiesCollector
from scanner.crawl.collectors.fingerprinting import FingerprintingCollector
from scanner.crawl.collectors.keystrokes.collector import KeystrokesCollector
from scanner.crawl.collectors.recording import RecordingCollector
from scanner.crawl.collectors.requests import RequestsCollector
from scanner.crawl.collectors.storage.collector import StorageCollector
from scanner.crawl.collectors.visitor.collector import InteractionCollector
from scanner.crawl.collectors.visitor.hook import TimersCollector
from scanner.crawl.collectors.websockets import WebSocketsCollector


def default_collectors(book: StateBook, cookies: CookiesCollector) -> list[Collector]:
    """Every signal of a scan, for one state."""
    return [
        cookies,
        TimersCollector(),
        ApiCallsCollector(book),
        StorageCollector(book),
        BeaconsCollector(book),
        WebSocketsCollector(book),
        RequestsCollector(book),
        FingerprintingCollector(book),
        RecordingCollector(book),
        InteractionCollector(book),  # before typing: it leaves no field focused
        KeystrokesCollector(book),
    ]
