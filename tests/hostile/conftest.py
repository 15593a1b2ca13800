"""The hostile fixture site: pages that try to hang, flood, trap or inject into the scanner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.demo.server import LocalSite

HOSTILE = Path(__file__).parent.parent / "sites" / "hostile"
HOST = "www.hostile.test"


@pytest.fixture(scope="session")
def hostile_site() -> Iterator[LocalSite]:
    """tests/sites/hostile served on loopback (www.hostile.test)."""
    with LocalSite(HOSTILE) as site:
        yield site
