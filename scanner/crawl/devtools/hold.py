"""Hold each target a page (or a browser) starts until the scanner's own DevTools session has
sent it its first commands, so a worker's first requests are seen.

The scanner watches targets in the protocol's non-flat mode (targets.py, shared_workers.py),
and a non-flat session does not hold a starting target in Chromium 156: Playwright's session
resumes a new worker at once, and its first requests could be sent before the scanner's
Network domain was on (about one landing page in ten for a dedicated worker). A flat session
that auto-attaches with ``waitForDebuggerOnStart`` does hold it, even past Playwright's
resume. This one never speaks to its children (Playwright keeps flat child sessions to
itself); it only detaches from each, which releases it, once ``ready`` says the scanner's
commands for that target are sent, or after HOLD_S at the latest: a failure never keeps a
target waiting for long. The commands need not be answered first: a worker runs what it was
sent before its first line, and one whose script is still to be fetched answers only then.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from playwright.async_api import CDPSession, Error

# Generous: a target is let go at once when ready. At 3 s, a worker on a starved CI machine
# was let go before the scanner's commands reached it and read the browser's own brands.
HOLD_S = 8.0


class StartHold:
    """Holds the targets one DevTools session auto-attaches to until each is ``ready``."""

    def __init__(self, session: CDPSession) -> None:
        self._session = session
        self._ready: dict[str, asyncio.Event] = {}
        self._pending: set[asyncio.Task[None]] = set()

    async def start(self, **params: Any) -> None:
        """Hold every new target from now on (``params``: e.g. a ``filter`` of types)."""
        self._session.on("Target.attachedToTarget", self._on_attached)
        auto = {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True}
        await self._session.send("Target.setAutoAttach", auto | params)

    def ready(self, target_id: str) -> None:
        """The scanner's commands for ``target_id`` are sent: let it run."""
        self._ready.setdefault(target_id, asyncio.Event()).set()

    def _on_attached(self, event: dict[str, Any]) -> None:
        task = asyncio.ensure_future(self._release(event))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _release(self, event: dict[str, Any]) -> None:
        target_id = str(event.get("targetInfo", {}).get("targetId", ""))
        ready = self._ready.setdefault(target_id, asyncio.Event())
        try:
            if event.get("waitingForDebugger"):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(ready.wait(), HOLD_S)
        finally:
            self._ready.pop(target_id, None)
            with contextlib.suppress(Error):
                detach = {"sessionId": str(event.get("sessionId", ""))}
                await self._session.send("Target.detachFromTarget", detach)
