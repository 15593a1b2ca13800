"""A rich progress display on stderr, fed by the scan's progress events."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from scanner.model import BrowserProfile, ConsentState, Observation, StateResult, Tell
from scanner.pipeline.progress import ScanProgress
from scanner.settings.config import ScanConfig


class ScanProgressDisplay:
    """One bar per consent state: pages done out of the page budget, failures counted."""

    def __init__(self, progress: ScanProgress, config: ScanConfig) -> None:
        self.console = Console(stderr=True, highlight=False)
        self.bars = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[note]}"),
            TimeElapsedColumn(),
            console=self.console,
        )
        self.tasks: dict[ConsentState, TaskID] = {}
        self.failed: dict[ConsentState, int] = {}
        self.max_pages = config.crawl.max_pages
        progress.listeners.append(self)

    def browser_found(self, description: str) -> None:
        """Nothing to show: the browser is named in the report."""

    def browser_profiled(self, profile: BrowserProfile, tells: tuple[Tell, ...]) -> None:
        """Nothing to show: the profile and the tells left are in the report."""

    def state_started(self, state: ConsentState) -> None:
        """Add a bar for the state."""
        self.tasks[state] = self.bars.add_task(
            f"state {state.value:<6}", total=self.max_pages, note=""
        )
        self.failed[state] = 0

    def page_done(self, observation: Observation) -> None:
        """Advance the state's bar, counting failed pages."""
        state = observation.state
        self.failed[state] += observation.failed
        note = f"{self.failed[state]} failed" if self.failed[state] else ""
        self.bars.update(self.tasks[state], advance=1, note=note)

    def state_done(self, result: StateResult) -> None:
        """Close the state's bar at the number of pages done."""
        task = self.tasks[result.state]
        done = self.bars.tasks[task].completed
        self.bars.update(task, total=done, completed=done)

    def __enter__(self) -> ScanProgressDisplay:
        self.bars.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.bars.stop()
