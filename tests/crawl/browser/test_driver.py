"""The Playwright driver starts with a small young generation, and the environment is restored."""

from __future__ import annotations

import asyncio
import os

import psutil
import pytest

from scanner.crawl.browser.driver import LEAN_OPTION, lean_node_options, start_driver


def test_the_option_is_added_only_for_the_duration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NODE_OPTIONS", raising=False)
    with lean_node_options():
        assert os.environ["NODE_OPTIONS"] == LEAN_OPTION
    assert "NODE_OPTIONS" not in os.environ
    monkeypatch.setenv("NODE_OPTIONS", "--trace-warnings")
    with lean_node_options():
        assert os.environ["NODE_OPTIONS"] == f"--trace-warnings {LEAN_OPTION}"
    assert os.environ["NODE_OPTIONS"] == "--trace-warnings"


def test_a_users_own_semi_space_size_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NODE_OPTIONS", "--max-semi-space-size=32")
    with lean_node_options():
        assert os.environ["NODE_OPTIONS"] == "--max-semi-space-size=32"


def test_the_running_driver_has_the_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NODE_OPTIONS", raising=False)

    async def driver_options() -> list[str]:
        async with start_driver():
            assert "NODE_OPTIONS" not in os.environ
            drivers = [
                p for p in psutil.Process().children(recursive=True)
                if "run-driver" in " ".join(p.cmdline())
            ]  # fmt: skip
            return [p.environ().get("NODE_OPTIONS", "") for p in drivers]

    assert asyncio.run(driver_options()) == [LEAN_OPTION]
