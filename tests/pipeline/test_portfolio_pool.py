"""How many fresh profiles a --sites run keeps at once: fewer where the cores are the limit."""

from __future__ import annotations

import pytest

from scanner.pipeline.portfolio import browsers_at_once


@pytest.mark.parametrize(("cores", "browsers"), [(1, 2), (2, 2), (3, 3), (16, 3)])
def test_browsers_at_once_follow_the_cores(cores: int, browsers: int) -> None:
    assert browsers_at_once(cores) == browsers
