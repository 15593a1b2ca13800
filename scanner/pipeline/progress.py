"""What a scan has crawled so far, so an interrupted scan still has something to judge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from scanner.crawl.session import CrawlListener
from scanner.model import ConsentEvidence, ConsentState, Observation, StateResult


def utc_now() -> str:
    """The current UTC time as an ISO 8601 string (seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class ScanProgress:
    """Collects the crawl's states and pages, and passes every event on to ``listeners``."""

    started_at: str = field(default_factory=utc_now)
    browser: str = ""
    done: list[StateResult] = field(default_factory=list)
    current: ConsentState | None = None
    pages: list[Observation] = field(default_factory=list)
    listeners: list[CrawlListener] = field(default_factory=list)

    def browser_found(self, description: str) -> None:
        """Remember the browser that runs the scan."""
        self.browser = description
        for listener in self.listeners:
            listener.browser_found(description)

    def state_started(self, state: ConsentState) -> None:
        """A state's fresh profile is being launched."""
        self.current, self.pages = state, []
        for listener in self.listeners:
            listener.state_started(state)

    def page_done(self, observation: Observation) -> None:
        """A page of the current state has been recorded."""
        self.pages.append(observation)
        for listener in self.listeners:
            listener.page_done(observation)

    def state_done(self, result: StateResult) -> None:
        """A state finished."""
        self.done.append(result)
        self.current, self.pages = None, []
        for listener in self.listeners:
            listener.state_done(result)

    def states(self, why: str = "the scan was interrupted") -> tuple[StateResult, ...]:
        """Every finished state, plus the one under way (incomplete, saying ``why``) if any."""
        states = list(self.done)
        if self.current is not None:
            evidence = ConsentEvidence(self.current, False, detail=why)
            states.append(StateResult(self.current, evidence, tuple(self.pages), incomplete=why))
        return tuple(states)

    @property
    def started(self) -> bool:
        """Whether any state has begun (so there is something to report)."""
        return bool(self.done) or self.current is not None
