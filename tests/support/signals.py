"""Start subprocesses with a known SIGINT disposition, whatever the test run inherited."""

from __future__ import annotations

import signal


def sigint_default() -> None:
    """preexec_fn: SIGINT as in an interactive shell (a background job inherits it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def sigint_ignored() -> None:
    """preexec_fn: SIGINT ignored, as for a background job of a non-interactive shell."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
