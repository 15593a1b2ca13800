"""Shared fixtures: the local HTTPS fixture sites, served on loopback for the browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.commands.demo import demo_site_root
from scanner.demo.server import LocalSite

SITES = Path(__file__).parent / "sites"


def _serve(root: Path) -> Iterator[LocalSite]:
    with LocalSite(root) as site:
        yield site


@pytest.fixture(scope="session")
def demo_site() -> Iterator[LocalSite]:
    """The bundled demo shop, served on loopback."""
    yield from _serve(demo_site_root())


@pytest.fixture(scope="session")
def multistep_site() -> Iterator[LocalSite]:
    """A site whose reject needs two steps, with a third-party iframe and broken pages."""
    yield from _serve(SITES / "multistep")


@pytest.fixture(scope="session")
def nobanner_site() -> Iterator[LocalSite]:
    """A site with a tracker pixel and no consent banner at all."""
    yield from _serve(SITES / "nobanner")
