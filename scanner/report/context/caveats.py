"""What makes a scan's results partial (interrupted, an error, restarts, incomplete states), as
plain sentences every format shows (each escapes them its own way)."""

from __future__ import annotations

from scanner.i18n import DEFAULT_LANGUAGE, N_, translations
from scanner.model import ScanResult

MAX_TEXT = 300


def caveats(result: ScanResult, language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """One sentence per caveat, most serious first; empty for a complete, clean run."""
    _ = translations(language).gettext
    lines = []
    if result.meta.interrupted:
        lines.append(_(N_("The scan was interrupted: results are partial.")))
    if result.meta.error:
        text = _(N_("The scan ended with an error: %(error)s."))
        lines.append(text % {"error": result.meta.error[:MAX_TEXT]})
    for state in result.states:
        name = _(state.state.value)
        if state.incomplete and not result.meta.interrupted and not result.meta.error:
            text = _(N_("State %(state)s is incomplete: %(reason)s."))
            lines.append(text % {"state": name, "reason": state.incomplete[:MAX_TEXT]})
        for restart in state.restarts:
            text = _(N_("State %(state)s: the browser was restarted after %(pages)s pages "
                        "(%(reason)s; at %(page)s)."))  # fmt: skip
            page = restart.page_url[:MAX_TEXT] or _(N_("an unknown page"))
            values = {"state": name, "pages": restart.pages_done, "page": page}
            lines.append(text % (values | {"reason": restart.reason[:MAX_TEXT]}))
    return tuple(lines)


def complete(result: ScanResult) -> bool:
    """Whether the scan ran to its end: not interrupted, no error, no incomplete state."""
    incomplete = any(state.incomplete for state in result.states)
    return not (result.meta.interrupted or result.meta.error or incomplete)
