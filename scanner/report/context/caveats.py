"""What makes a scan's results partial (interrupted, an error, restarts, incomplete states), as
plain sentences every format shows (each escapes them its own way)."""

from __future__ import annotations

from scanner.model import ScanResult

MAX_TEXT = 300


def caveats(result: ScanResult) -> tuple[str, ...]:
    """One sentence per caveat, most serious first; empty for a complete, clean run."""
    lines = []
    if result.meta.interrupted:
        lines.append("The scan was interrupted: results are partial.")
    if result.meta.error:
        lines.append(f"The scan ended with an error: {result.meta.error[:MAX_TEXT]}.")
    for state in result.states:
        if state.incomplete and not result.meta.interrupted and not result.meta.error:
            lines.append(f"State {state.state.value} is incomplete: {state.incomplete[:MAX_TEXT]}.")
        for restart in state.restarts:
            lines.append(
                f"State {state.state.value}: the browser was restarted after "
                f"{restart.pages_done} pages ({restart.reason[:MAX_TEXT]}; "
                f"at {restart.page_url[:MAX_TEXT] or 'an unknown page'})."
            )
    return tuple(lines)


def complete(result: ScanResult) -> bool:
    """Whether the scan ran to its end: not interrupted, no error, no incomplete state."""
    incomplete = any(state.incomplete for state in result.states)
    return not (result.meta.interrupted or result.meta.error or incomplete)
