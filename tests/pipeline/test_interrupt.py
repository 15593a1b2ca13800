"""Stop signals: the crawl is cancelled cleanly, whatever SIGINT disposition was inherited,
and a signal outside the crawl (while the report is written) is only noted."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator

import pytest

from scanner.pipeline.interrupt import Interruption, run_interruptible, stop_signals


@pytest.fixture
def sigint_ignored() -> Iterator[None]:
    """SIGINT ignored, as in a background job of a non-interactive shell."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


async def _crawl(cleaned: list[str], signals: tuple[int, ...] = ()) -> str:
    """A stand-in for the crawl: sends itself ``signals``, then waits; records its clean-up."""
    try:
        for signum in signals:
            os.kill(os.getpid(), signum)
            await asyncio.sleep(0)
        await asyncio.Event().wait()
        return "finished"
    finally:
        cleaned.append("profile removed")


async def _quick() -> str:
    return "finished"


def test_a_crawl_that_ends_returns_its_result() -> None:
    stop = Interruption()
    with stop_signals(stop):
        assert run_interruptible(_quick(), stop) == "finished"
    assert not stop.happened


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_cancels_the_crawl_and_its_cleanup_runs(signum: int) -> None:
    stop, cleaned = Interruption(), list[str]()
    with stop_signals(stop):
        assert run_interruptible(_crawl(cleaned, (signum,)), stop) is None
    assert stop.signals == [signal.Signals(signum).name]
    assert cleaned == ["profile removed"]


@pytest.mark.usefixtures("sigint_ignored")
def test_sigint_stops_the_crawl_even_when_inherited_as_ignored() -> None:
    stop, cleaned = Interruption(), list[str]()
    with stop_signals(stop):
        assert run_interruptible(_crawl(cleaned, (signal.SIGINT,)), stop) is None
    assert cleaned == ["profile removed"]
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # restored afterwards


def test_signals_while_the_report_is_written_are_only_noted() -> None:
    stop = Interruption()
    with stop_signals(stop):
        assert run_interruptible(_quick(), stop) == "finished"
        os.kill(os.getpid(), signal.SIGINT)  # "Ctrl-C while writing the report"
        os.kill(os.getpid(), signal.SIGTERM)
        written = "report written"
    assert written == "report written"
    assert stop.signals == ["SIGINT", "SIGTERM"]


def test_a_signal_before_the_crawl_starts_cancels_it_at_once() -> None:
    stop, cleaned = Interruption(), list[str]()
    with stop_signals(stop):
        os.kill(os.getpid(), signal.SIGTERM)
        assert run_interruptible(_crawl(cleaned), stop) is None
    assert stop.signals == ["SIGTERM"]


async def _stuck_cleanup(started: list[str]) -> None:
    """A crawl whose clean-up never ends (a browser that will not close)."""
    try:
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.Event().wait()
    finally:
        started.append("cleanup")
        os.kill(os.getpid(), signal.SIGINT)  # the impatient second Ctrl-C
        await asyncio.Event().wait()


def test_a_second_signal_stops_waiting_for_the_cleanup() -> None:
    stop, started = Interruption(), list[str]()
    with stop_signals(stop):
        assert run_interruptible(_stuck_cleanup(started), stop) is None
    assert started == ["cleanup"]
    assert stop.signals == ["SIGINT", "SIGINT"]
