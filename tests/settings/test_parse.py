"""Flag parsing into a validated ScanConfig."""

from __future__ import annotations

import pytest

from scanner.errors import ConfigError
from scanner.model import ConsentState, Severity
from scanner.settings.parse import (
    parse_fail_on,
    parse_resolve,
    parse_states,
    parse_target,
    parse_viewport,
)


def test_states_canonical_order_and_errors() -> None:
    assert parse_states("reject, none") == (ConsentState.NONE, ConsentState.REJECT)
    assert parse_states("gpc-accept,GPC") == (ConsentState.GPC, ConsentState.GPC_ACCEPT)
    with pytest.raises(ConfigError, match="--states") as caught:
        parse_states("none,gpc+accept")
    assert "gpc+accept" in str(caught.value)
    assert "none,accept,reject,gpc,gpc-accept" in str(caught.value)


def test_fail_on() -> None:
    assert parse_fail_on("HIGH") is Severity.HIGH
    assert parse_fail_on("never") is None
    with pytest.raises(ConfigError, match="info, low, medium, high, never"):
        parse_fail_on("bad")


def test_targets_resolve_viewport() -> None:
    assert parse_target("www.shop.test") == "https://www.shop.test"
    with pytest.raises(ConfigError):
        parse_target("ftp://x.test/")
    assert parse_resolve(["*.test=127.0.0.1", "stage.shop.com=10.1.2.3:8443"]) == (
        "*.test=127.0.0.1",
        "stage.shop.com=10.1.2.3:8443",
    )
    with pytest.raises(ConfigError, match="HOST=IP"):
        parse_resolve(["stage.shop.com"])
    assert parse_viewport("390x844") == (390, 844)
