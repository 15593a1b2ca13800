"""The key-logging collector: this state's marker typed into a page's first text field, and
looked for in what the page sent (third parties only)."""

from __future__ import annotations

from playwright.async_api import Page

from scanner.crawl.book.state import StateBook
from scanner.crawl.book.visit import Visit
from scanner.crawl.collectors.base import Collector, Fields, Settle
from scanner.crawl.collectors.keystrokes.marker import find_marker, new_marker
from scanner.crawl.collectors.keystrokes.scope import TypingScope, page_scripts
from scanner.crawl.collectors.keystrokes.type_marker import type_marker
from scanner.model import KeystrokeRecord

TYPED_QUIET_S = 1.0  # recorders batch what is typed for a moment before sending it
TYPED_LIMIT_S = 3.0


class KeystrokesCollector(Collector):
    """Types the marker where a script has not seen it yet; finds it in what was sent."""

    name = "keystrokes"
    act_limit_s = TYPED_LIMIT_S

    def __init__(self, book: StateBook) -> None:
        self._book = book
        self.marker = new_marker()
        self._typed: dict[Visit, str] = {}
        self._scope = TypingScope()

    async def act(self, page: Page, visit: Visit) -> Settle | None:
        """Type the marker into the page's first text field, unless every script of the page
        already saw it typed (keystrokes.scope); then wait for what scripts send."""
        requested = [(e.request.resource_type, e.request.url) for e in visit.requests.values()]
        scripts = await page_scripts(page, requested)
        if not self._scope.worth_typing(scripts):
            return None
        field = await type_marker(page, self.marker)
        if field is None:
            return None
        self._typed[visit] = field
        self._scope.typed(scripts)
        return Settle(TYPED_QUIET_S, TYPED_LIMIT_S)

    def data(self, page: Page, visit: Visit) -> Fields:
        """Where the typed marker went (third parties only)."""
        field = self._typed.pop(visit, None)
        if field is None:
            return {"keystrokes": ()}
        found = tuple(
            KeystrokeRecord(
                h.host,
                self._book.secrets.scrub(h.url),
                h.encoding,
                h.location,
                field,
                self._book.party(h.host),
                self._book.phase(h.at),
                visit.url,
            )
            for h in find_marker(self._book.sent(visit), self.marker)
            if h.third_party
        )
        return {"keystrokes": found}
