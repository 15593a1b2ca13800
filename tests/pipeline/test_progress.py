"""ScanProgress with states running at the same time: interleaved pages, partial results."""

from __future__ import annotations

from scanner.model import (
    BrowserProfile,
    ConsentEvidence,
    ConsentState,
    Observation,
    StateResult,
    Tell,
)
from scanner.pipeline.progress import ScanProgress

NONE, ACCEPT, REJECT = ConsentState.NONE, ConsentState.ACCEPT, ConsentState.REJECT


def page(state: ConsentState, path: str) -> Observation:
    return Observation(state=state, url=f"https://a.test{path}", depth=0)


class Seen:
    def __init__(self) -> None:
        self.events: list[str] = []

    def browser_found(self, description: str) -> None:
        self.events.append(f"browser {description}")

    def browser_profiled(self, profile: BrowserProfile, tells: tuple[Tell, ...]) -> None:
        self.events.append(f"profile {profile.where} {len(tells)}")

    def state_started(self, state: ConsentState) -> None:
        self.events.append(f"start {state}")

    def page_done(self, observation: Observation) -> None:
        self.events.append(f"page {observation.state} {observation.url}")

    def state_done(self, result: StateResult) -> None:
        self.events.append(f"done {result.state}")


def test_interleaved_pages_stay_with_their_state_and_interrupts_keep_them() -> None:
    progress = ScanProgress()
    for state in (NONE, ACCEPT, REJECT):
        progress.state_started(state)
    progress.page_done(page(ACCEPT, "/"))
    progress.page_done(page(NONE, "/"))
    progress.page_done(page(REJECT, "/"))
    progress.page_done(page(NONE, "/b"))
    accept = StateResult(ACCEPT, ConsentEvidence(ACCEPT, True), (page(ACCEPT, "/"),))
    progress.state_done(accept)
    states = progress.states()
    assert [s.state for s in states] == [NONE, ACCEPT, REJECT]
    assert [o.url for o in states[0].observations] == ["https://a.test/", "https://a.test/b"]
    assert states[1] is accept
    assert [o.state for o in states[2].observations] == [REJECT]
    for unfinished in (states[0], states[2]):
        assert not unfinished.consent.applied
        assert unfinished.consent.detail == "the scan was interrupted"


def test_states_are_listed_in_the_order_they_started_not_finished() -> None:
    progress = ScanProgress()
    progress.state_started(REJECT)
    progress.state_started(NONE)
    progress.state_done(StateResult(NONE, ConsentEvidence(NONE, True)))
    progress.state_done(StateResult(REJECT, ConsentEvidence(REJECT, True)))
    assert [s.state for s in progress.states()] == [REJECT, NONE]


def test_every_event_is_passed_on() -> None:
    seen = Seen()
    progress = ScanProgress(listeners=[seen])
    progress.browser_found("Chromium 1")
    progress.state_started(NONE)
    progress.page_done(page(NONE, "/"))
    progress.state_done(StateResult(NONE, ConsentEvidence(NONE, True)))
    assert seen.events == [
        "browser Chromium 1",
        "start none",
        "page none https://a.test/",
        "done none",
    ]
