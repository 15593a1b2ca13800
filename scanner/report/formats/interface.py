"""What every format implements, knowing no format: the reporter protocol."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from scanner.report.context import ReportContext


@runtime_checkable
class Reporter(Protocol):
    """Turns one scan's report context into the text of one format; pure and deterministic."""

    def render(self, ctx: ReportContext) -> str:
        """The whole report as text."""
        ...
