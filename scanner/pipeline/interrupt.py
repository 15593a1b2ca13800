"""Signals during a scan: SIGINT and SIGTERM always stop it cleanly; report writing is shielded.

``stop_signals`` installs the scan's own handlers, so a scan started with SIGINT ignored (a
background job of a non-interactive shell) still stops on SIGINT. While ``run_interruptible``
runs the crawl, the first signal cancels it (its ``finally`` blocks close the browser and
remove the profile) and a second one stops waiting for that. At any other time a signal is only
noted: the report files are finished first, then the scan exits 130.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass(slots=True)
class Interruption:
    """Which stop signals arrived (by name), and who to tell while the crawl runs."""

    signals: list[str] = field(default_factory=list)
    forward: Callable[[], None] | None = None

    @property
    def happened(self) -> bool:
        """Whether any stop signal arrived."""
        return bool(self.signals)

    def note(self, signum: int) -> None:
        """Remember a signal and pass it on to the running crawl, if any."""
        self.signals.append(signal.Signals(signum).name)
        if self.forward is not None:
            self.forward()


@contextlib.contextmanager
def stop_signals(stop: Interruption) -> Iterator[Interruption]:
    """Handle SIGINT and SIGTERM for the whole scan, whatever was inherited; then restore."""
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        stop.note(signum)

    previous = {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def run_interruptible(work: Coroutine[Any, Any, T], stop: Interruption) -> T | None:
    """Run ``work`` to the end, or until a stop signal cancels it (then return None)."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    task = loop.create_task(work)
    forced = False

    def on_signal() -> None:
        if len(stop.signals) > 1:
            raise KeyboardInterrupt  # a second signal: stop waiting for the browser to close
        task.cancel()

    def forward() -> None:
        loop.call_soon_threadsafe(on_signal)

    stop.forward = forward
    try:
        if stop.happened:
            task.cancel()
        return loop.run_until_complete(task)
    except asyncio.CancelledError:
        if stop.happened:
            return None
        raise
    except KeyboardInterrupt:
        forced = True
        return None
    finally:
        stop.forward = None
        _close(loop, wait=not forced)


def _close(loop: asyncio.AbstractEventLoop, wait: bool) -> None:
    """Cancel what is left, let it unwind (unless forced), and close the loop."""
    try:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if wait and pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        if wait:
            loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
