"""Beyond cookies, per state: API calls, the typed marker, and what each page sent out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from playwright.async_api import BrowserContext, Page, Request

from scanner.crawl.apicalls import API_BINDING, API_SCRIPT, ApiCall, api_call_of
from scanner.crawl.fingerprinting import detect_fingerprinting
from scanner.crawl.keystrokes import find_marker, new_marker
from scanner.crawl.options import BrowserOptions
from scanner.crawl.outgoing import Outgoing, body_text
from scanner.crawl.recording import detect_recording
from scanner.crawl.typing import type_marker
from scanner.crawl.typing_scope import TypingScope, page_scripts
from scanner.knowledge.domains import host_of
from scanner.knowledge.recorders import bundled_recorders
from scanner.model import (
    ConsentState,
    FingerprintRecord,
    KeystrokeRecord,
    Party,
    Phase,
    RecordingRecord,
)

GPC_HEADER = ("Sec-GPC", "1")
GPC_SCRIPT = (
    "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', "
    "{configurable: true, enumerable: true, get: () => true});"
)
Beyond = tuple[
    tuple[FingerprintRecord, ...], tuple[RecordingRecord, ...], tuple[KeystrokeRecord, ...]
]


def state_options(options: BrowserOptions, state: ConsentState) -> BrowserOptions:
    """The browser options of one state: the GPC states add ``Sec-GPC: 1`` to every request."""
    if not state.sends_gpc:
        return options
    return replace(options, extra_headers=(*options.extra_headers, GPC_HEADER))


class BeyondRecorder:
    """Collects, per page, the fingerprinting API calls and the marker typed for key logging."""

    def __init__(
        self,
        state: ConsentState,
        party: Callable[[str], Party],
        phase: Callable[[float], Phase],
    ) -> None:
        self.state = state
        self.party = party
        self.marker = new_marker()
        self._phase = phase
        self._calls: dict[Page, list[ApiCall]] = {}
        self._typed: dict[Page, str] = {}
        self._scope = TypingScope()

    async def attach(self, context: BrowserContext) -> None:
        """Install the API instrumentation (and, in the GPC states, the GPC signal)."""
        await context.expose_binding(API_BINDING, self._on_call)
        await context.add_init_script(script=API_SCRIPT)
        if self.state.sends_gpc:
            await context.add_init_script(script=GPC_SCRIPT)

    def begin(self, page: Page) -> None:
        """Start collecting for a visit of ``page``."""
        self._calls[page] = []
        self._typed.pop(page, None)

    async def type_marker(self, page: Page, requested: Iterable[tuple[str, str]]) -> bool:
        """Type this state's marker into the page's first text field, unless every script of
        the page already saw it typed (typing_scope); whether it was typed."""
        scripts = await page_scripts(page, requested)
        if not self._scope.worth_typing(scripts):
            return False
        field = await type_marker(page, self.marker)
        if field is not None:
            self._typed[page] = field
            self._scope.typed(scripts)
        return field is not None

    def end(self, page: Page, page_url: str, sent: Iterable[Outgoing]) -> Beyond:
        """The visit's records, and stop collecting for ``page``."""
        calls, field = self._calls.pop(page, []), self._typed.pop(page, None)
        sent = list(sent)
        keys = self._keystrokes(sent, field, page_url) if field is not None else ()
        return self._fingerprints(calls, page_url), self._recordings(sent, calls, page_url), keys

    def _on_call(self, source: dict[str, Any], *args: object) -> None:
        self.worker_call(source.get("page"), args)  # type: ignore[arg-type]

    def worker_call(self, page: Page, args: tuple[object, ...]) -> None:
        """One API call reported for ``page`` (by its frames or by a worker it created)."""
        calls = self._calls.get(page)
        if calls is not None and len(args) == 5:
            calls.append(api_call_of(*args))

    def _fingerprints(self, calls: list[ApiCall], page_url: str) -> tuple[FingerprintRecord, ...]:
        return tuple(
            FingerprintRecord(
                d.script,
                d.technique,
                d.evidence,
                d.supporting,
                self.party(host_of(d.script)),
                self._phase(d.at),
                page_url,
            )
            for d in detect_fingerprinting(calls)
        )

    def _recordings(
        self, sent: list[Outgoing], calls: list[ApiCall], page_url: str
    ) -> tuple[RecordingRecord, ...]:
        return tuple(
            RecordingRecord(
                d.host,
                d.vendor,
                d.evidence,
                d.requests,
                d.bytes_sent,
                d.script,
                self.party(d.host),
                self._phase(d.at),
                page_url,
            )
            for d in detect_recording(sent, calls, bundled_recorders())
        )

    def _keystrokes(
        self, sent: list[Outgoing], field: str, page_url: str
    ) -> tuple[KeystrokeRecord, ...]:
        return tuple(
            KeystrokeRecord(
                h.host,
                h.url,
                h.encoding,
                h.location,
                field,
                self.party(h.host),
                self._phase(h.at),
                page_url,
            )
            for h in find_marker(sent, self.marker)
            if h.third_party
        )


def outgoing_of(
    requests: Iterable[tuple[Request, float]],
    party: Callable[[str], Party],
    initiator: Callable[[str], str | None],
) -> list[Outgoing]:
    """The requests of a visit as sent: URL, body and initiator, third party or not."""
    sent = []
    for request, at in requests:
        host = host_of(request.url)
        third = party(host) is Party.THIRD
        body = body_text(request.post_data_buffer)
        sent.append(
            Outgoing(request.url, host, request.method, body, third, at, initiator(request.url))
        )
    return sent
