"""How many states a --sites run keeps at once: one site's worth where the cores are the limit."""

from __future__ import annotations

import pytest

from scanner.pipeline.sites import states_at_once


@pytest.mark.parametrize(("cores", "states"), [(1, 3), (2, 3), (3, 6), (16, 6)])
def test_states_at_once_follow_the_cores(cores: int, states: int) -> None:
    assert states_at_once(cores) == states
