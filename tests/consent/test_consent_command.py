"""`cookiescan consent URL` prints the CMP, the strategy and the controls, clicking nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.cli import main
from scanner.demo.server import LocalSite

pytestmark = pytest.mark.browser
SITE = Path(__file__).parents[1] / "sites" / "cmps"


def test_consent_command_prints_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    with LocalSite(SITE) as site:
        args = ["consent", site.url("www.termly-shop.test"), "--ignore-https-errors"]
        args += [f"--resolve={rule}" for rule in site.resolve_rules] + ["--banner-wait", "2"]
        code = main(args)
    out = capsys.readouterr().out
    assert code == 0
    assert "CMP:      Termly (ready: yes)" in out and "Strategy: cmp-rule" in out
    assert "Accept:   [data-tid=banner-accept]" in out
    assert "Reject:   .t-preference-button > .t-declineAllButton" in out
