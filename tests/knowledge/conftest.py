"""Fixtures for the knowledge tests: a small filter list, an empty cache, no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.knowledge import cache

DATA = Path(__file__).parent / "data"


@pytest.fixture
def mini_easyprivacy() -> str:
    """The text of the small test filter list."""
    return (DATA / "mini-easyprivacy.txt").read_text(encoding="utf-8")


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache dir, also set as $COOKIESCAN_CACHE_DIR."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any real download attempted by a knowledge test fails loudly."""

    def refuse(url: str, timeout: float) -> bytes:
        raise AssertionError(f"test tried to download {url}")

    monkeypatch.setattr(cache, "urllib_fetch", refuse)
