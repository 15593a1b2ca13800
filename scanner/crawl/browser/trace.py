"""An optional Playwright trace per consent state (network, console, screenshots), for debugging.

Off unless a trace folder is given (``COOKIESCAN_TRACE_DIR``, used by the browser tests to keep
a trace of every failed test). Open one with ``playwright show-trace FILE``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from playwright.async_api import BrowserContext, Error

TRACE_ENV = "COOKIESCAN_TRACE_DIR"


def trace_dir_from_env() -> str | None:
    """The trace folder named by ``COOKIESCAN_TRACE_DIR``, if any."""
    return os.environ.get(TRACE_ENV) or None


async def start_trace(context: BrowserContext, folder: str | None) -> None:
    """Start recording a trace with screenshots when a trace folder is set."""
    if folder:
        with contextlib.suppress(Error):
            await context.tracing.start(screenshots=True, snapshots=False)


async def stop_trace(context: BrowserContext, folder: str | None, name: str) -> None:
    """Save the trace as ``<folder>/<name>.zip`` (a failure to save never ends the scan)."""
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Error):
            await context.tracing.stop(path=str(Path(folder) / f"{name}.zip"))
