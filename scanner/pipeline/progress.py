"""What a scan has crawled so far, so an interrupted scan still has something to judge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from scanner.crawl.visit.session import CrawlListener
from scanner.model import (
    BrowserProfile,
    ConsentEvidence,
    ConsentState,
    Observation,
    StateResult,
    Tell,
)


def utc_now() -> str:
    """The current UTC time as an ISO 8601 string (seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class ScanProgress:
    """Collects the crawl's states and pages, and passes every event on to ``listeners``.

    States run at the same time, so their pages arrive interleaved: each state under way
    keeps its own pages in ``running`` until it is done.
    """

    started_at: str = field(default_factory=utc_now)
    browser: str = ""
    profile: BrowserProfile | None = None
    tells: tuple[Tell, ...] = ()
    done: list[StateResult] = field(default_factory=list)
    running: dict[ConsentState, list[Observation]] = field(default_factory=dict)
    order: list[ConsentState] = field(default_factory=list)
    listeners: list[CrawlListener] = field(default_factory=list)

    def browser_found(self, description: str) -> None:
        """Remember the browser that runs the scan."""
        self.browser = description
        for listener in self.listeners:
            listener.browser_found(description)

    def browser_profiled(self, profile: BrowserProfile, tells: tuple[Tell, ...]) -> None:
        """Remember the visitor the browser presents and the tells left."""
        self.profile, self.tells = profile, tells
        for listener in self.listeners:
            listener.browser_profiled(profile, tells)

    def state_started(self, state: ConsentState) -> None:
        """A state's fresh profile is being launched."""
        self.running[state] = []
        self.order.append(state)
        for listener in self.listeners:
            listener.state_started(state)

    def page_done(self, observation: Observation) -> None:
        """A page of ``observation.state`` has been recorded."""
        self.running.setdefault(observation.state, []).append(observation)
        for listener in self.listeners:
            listener.page_done(observation)

    def state_done(self, result: StateResult) -> None:
        """A state finished."""
        self.done.append(result)
        self.running.pop(result.state, None)
        for listener in self.listeners:
            listener.state_done(result)

    def states(self, why: str = "the scan was interrupted") -> tuple[StateResult, ...]:
        """Every state in the order they started; those under way incomplete, saying ``why``."""
        finished = {result.state: result for result in self.done}
        states = []
        for state in self.order:
            if state in finished:
                states.append(finished[state])
            elif state in self.running:
                evidence = ConsentEvidence(state, False, detail=why)
                pages = tuple(self.running[state])
                states.append(StateResult(state, evidence, pages, incomplete=why))
        return tuple(states)

    @property
    def started(self) -> bool:
        """Whether any state has begun (so there is something to report)."""
        return bool(self.order)
