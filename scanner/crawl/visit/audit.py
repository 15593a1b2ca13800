"""Record an existing browser context driven by someone else (a test), as one consent state."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field, replace

from playwright.async_api import BrowserContext, Error, Frame, Page

from scanner.consent.engine import ConsentEngine
from scanner.consent.factory import scan_engine
from scanner.crawl.book.visit import Visit
from scanner.crawl.navigation.first_party import FirstParty
from scanner.crawl.record.recorder import StateRecorder
from scanner.model import (
    ConsentControls,
    ConsentEvidence,
    ConsentState,
    Observation,
    StateResult,
)


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """How an audit makes a consent choice: declared controls and the waits."""

    controls: ConsentControls = field(default_factory=ConsentControls)
    banner_wait_s: float = 5.0
    settle_s: float = 2.0
    site: str | None = None


class ContextAudit:
    """Records every page of a context (one visit per main-frame navigation) in one state.

    The context is the test's own: nothing is navigated here except by ``choose``.
    """

    def __init__(self, context: BrowserContext, settings: AuditSettings, digest_key: bytes) -> None:
        self.context = context
        self.settings = settings
        first_party = FirstParty(settings.site or "")
        self.recorder = StateRecorder(ConsentState.NONE, first_party, digest_key)
        self.evidence: ConsentEvidence | None = None
        self.observations: list[Observation] = []
        self._open: dict[Page, Visit] = {}
        self._closing: set[asyncio.Task[None]] = set()
        self._engine: ConsentEngine | None = None

    async def start(self) -> None:
        """Attach to the context and to every page it has or will open."""
        await self.recorder.attach(self.context)
        for page in self.context.pages:
            await self._track(page)
        self.context.on("page", self._on_page)

    def _on_page(self, page: Page) -> None:
        """A page the test opened: recorded at once, initiators as soon as CDP answers.

        The test navigates it while DevTools attaches, so its workers are not held at their
        start (hold.py): a hold set up while a cross-site iframe was being created kept that
        iframe waiting, and the page never finished loading (one second tab in about ten)."""
        self._begin(page)
        task = asyncio.ensure_future(self.recorder.watch_page(self.context, page, hold=False))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _track(self, page: Page) -> None:
        self._begin(page)
        await self.recorder.watch_page(self.context, page)

    def _begin(self, page: Page) -> None:
        self._open[page] = self.recorder.begin(page, page.url, 0, owned=False)
        self._learn_site(page.url)
        page.on("framenavigated", lambda frame: self._on_navigated(page, frame))

    def _learn_site(self, url: str) -> None:
        """Without a declared site, the first site the test visits is first party."""
        if not self.recorder.first_party.domains:
            self.recorder.first_party.landed(url)

    def _on_navigated(self, page: Page, frame: Frame) -> None:
        """A new document in the main frame: the previous visit ends, a new one begins."""
        old = self._open.get(page)
        if frame != page.main_frame or old is None or frame.url == old.url:
            return
        self._learn_site(frame.url)
        if old.url == "about:blank":  # the page's first document: the same visit
            old.url = frame.url
            return
        self._open[page] = self.recorder.begin(page, frame.url, 0, owned=False)
        task = asyncio.ensure_future(self._close_visit(old, page, live=False))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _close_visit(self, visit: Visit, page: Page, live: bool) -> None:
        """Turn a visit into an observation (storage only while its page still shows it)."""
        fields = await self.recorder.end(page, visit, live)
        self.observations.append(
            Observation(
                state=self.recorder.state,
                url=visit.url,
                depth=0,
                final_url=visit.url,
                started_at=visit.started,
                duration=round(time.time() - visit.started, 3),
                **fields,
            )
        )

    async def _settle(self) -> None:
        """Let the open pages' last requests (a pixel setting a cookie) finish, up to settle_s."""
        for page in self._open:
            with contextlib.suppress(Error):
                if not page.is_closed():
                    timeout = self.settings.settle_s * 1000
                    await page.wait_for_load_state("networkidle", timeout=timeout)

    def engine(self) -> ConsentEngine:
        """The consent engine of a scan, with the declared controls (built on first use)."""
        if self._engine is None:
            self._engine = scan_engine(self.settings.controls, self.settings.banner_wait_s)
        return self._engine

    async def choose(self, page: Page, state: ConsentState) -> ConsentEvidence:
        """Accept or reject on ``page`` the way a scan does; stamp the consent moment."""
        engine = self.engine()
        visit = self._open.get(page)
        if visit is not None:
            await self.recorder.before_choice(self.context, visit)
        evidence = await engine.apply(page, state)
        self.recorder.state = state
        if evidence.applied:
            self.recorder.consent_at = evidence.acted_at
            with contextlib.suppress(Error):
                await page.wait_for_load_state("networkidle", timeout=self.settings.settle_s * 1000)
        requests = [(r.at, r.request.url) for r in visit.requests.values()] if visit else []
        self.evidence = await engine.verify(page, evidence, requests)
        return self.evidence

    def mark_choice(self, page: Page, state: ConsentState) -> ConsentEvidence:
        """The test made the choice itself (clicked its own banner): stamp it now."""
        self.recorder.state = state
        self.recorder.consent_at = time.time()
        self.evidence = ConsentEvidence(
            state, True, strategy="test", detail="made by the test", page_url=page.url,
            acted_at=self.recorder.consent_at, banner_seen=True,
        )  # fmt: skip
        return self.evidence

    async def finish(self, expected: ConsentState | None) -> StateResult:
        """Close every visit and return the state; ``expected`` is the state the test meant."""
        await self._settle()
        while self._closing:
            await asyncio.gather(*list(self._closing), return_exceptions=True)
        for page, visit in list(self._open.items()):
            await self._close_visit(visit, page, live=not page.is_closed())
        self._open.clear()
        state = self.recorder.state if expected is None else expected
        evidence = self.evidence or _no_choice(state)
        if evidence.state is not state:
            made = evidence.state.value
            evidence = ConsentEvidence(state, False, detail=f"the test chose {made}, not {state}")
        observations = tuple(replace(o, state=state) for o in self.observations if _kept(o))
        return StateResult(state, replace(evidence, state=state), observations)


def _kept(observation: Observation) -> bool:
    """Blank pages that recorded nothing are not visits."""
    recorded = observation.cookies or observation.requests or observation.storage
    return bool(recorded) or observation.url.startswith(("http://", "https://"))


def _no_choice(state: ConsentState) -> ConsentEvidence:
    if state is ConsentState.NONE:
        return ConsentEvidence(state, True)
    detail = f"the test never made the {state.value} choice (call cookie_audit.{state.value}())"
    return ConsentEvidence(state, False, detail=detail)
