"""Cookie writes as they happen: Set-Cookie headers, ``document.cookie`` and ``cookieStore``
writes of pages and workers, each kept with the visit it belongs to."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from playwright.async_api import Error, Response

from scanner.crawl.book.visit import Visit
from scanner.crawl.book.visits import Visits
from scanner.crawl.collectors.cookies.kept import KeptCookies
from scanner.crawl.collectors.cookies.setcookie import (
    CookieWrite,
    parse_cookie_write,
    response_time,
)
from scanner.knowledge.domains import host_of
from scanner.model import SetBy


@dataclass(slots=True)
class SeenWrite:
    """A cookie write seen during a visit."""

    write: CookieWrite
    set_by: SetBy
    setter_url: str
    at: float
    worker: str | None = None


class CookieWrites:
    """The cookie writes of one state's open visits, and of workers between visits."""

    def __init__(self, visits: Visits, kept: KeptCookies) -> None:
        self._visits = visits
        self._kept = kept
        self._by_visit: dict[Visit, list[SeenWrite]] = {}
        self._pending: set[asyncio.Task[None]] = set()
        # Cookie writes of service and shared workers made while no visit was open.
        self._between: list[SeenWrite] = []

    def take(self, visit: Visit) -> list[SeenWrite]:
        """The visit's writes so far (and the workers' between visits), handed over once."""
        taken = self._by_visit.pop(visit, [])
        return [*taken, *self.take_between()]

    def forget(self, visit: Visit) -> None:
        """The visit ended: drop what is left of it."""
        self._by_visit.pop(visit, None)

    async def drain(self) -> None:
        """Wait for response handlers still reading headers."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    def on_response(self, response: Response) -> None:
        """A response: its Set-Cookie headers are read in the background."""
        visit = self._visits.of_request(response.request)
        if visit is None:
            return
        task = asyncio.ensure_future(self._read_set_cookies(visit, response))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _read_set_cookies(self, visit: Visit, response: Response) -> None:
        try:
            headers = await response.headers_array()
        except Error:
            return
        date = next((h["value"] for h in headers if h["name"].lower() == "date"), None)
        lines = [
            line
            for header in headers
            if header["name"].lower() == "set-cookie"
            for line in header["value"].split("\n")
        ]
        self._header_writes(visit, response.url, lines, date)

    def _header_writes(self, visit: Visit, url: str, lines: list[str], date: str | None) -> None:
        """The cookie writes of a response's Set-Cookie lines, set by ``url``."""
        seen_at = time.time()
        server_now = response_time(date, seen_at)
        writes = self._by_visit.setdefault(visit, [])
        for line in lines:
            write = parse_cookie_write(line, host_of(url), server_now)
            if write is not None:
                writes.append(SeenWrite(write, SetBy.HEADER, url, seen_at))
                self._note_deletion(write, url)

    def on_script_write(
        self,
        visit: Visit | None,
        line: object,
        caller: object,
        href: object,
        at_ms: object,
        worker: str | None = None,
    ) -> None:
        """A ``document.cookie`` write reported by the hook in a page or worker."""
        if visit is not None:
            self._add(self._by_visit.setdefault(visit, []), line, caller, href, at_ms, worker)

    def between_visits(
        self, line: object, caller: object, href: object, at_ms: object, worker: str
    ) -> None:
        """A service or shared worker's cookie write while no visit of its origin was open:
        kept for the next cookie snapshot of the state (the write outlives the page)."""
        self._add(self._between, line, caller, href, at_ms, worker)

    def take_between(self) -> list[SeenWrite]:
        """The worker writes made between visits, handed over once."""
        taken, self._between = self._between, []
        return taken

    def _add(
        self,
        writes: list[SeenWrite],
        line: object,
        caller: object,
        href: object,
        at_ms: object,
        worker: str | None,
    ) -> None:
        try:
            at = float(str(at_ms)) / 1000.0
        except ValueError:
            at = time.time()
        write = parse_cookie_write(str(line), host_of(str(href)), at)
        if write is not None:
            setter = str(caller) or str(href)
            writes.append(SeenWrite(write, SetBy.SCRIPT, setter, time.time(), worker))
            self._note_deletion(write, setter)

    def _note_deletion(self, write: CookieWrite, setter: str) -> None:
        """A deletion (the CMP's click handler runs just before the choice is timed)."""
        if write.deletion:
            self._kept.deletion(write.name, setter)
