"""The visitor's pure parts: consent newly granted, the dwell's stopping reasons, its settings."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from scanner import cli
from scanner.crawl.book.quiet import BOUND, NO_TIMER, ONLY_LATER, DueTimers, dwell
from scanner.crawl.collectors.visitor.implied import newly_granted
from scanner.crawl.options import CrawlSettings
from scanner.declared.loader import parse_declarations
from scanner.errors import ConfigError
from scanner.model import Declarations
from scanner.settings.flags import build_config, resolve_args


def test_only_signals_that_turn_to_granted_count() -> None:
    before = {
        "gcm.ad_storage": "denied",
        "gcm.analytics_storage": "granted",
        "tcf.purposes": "none",
    }
    after = {
        "gcm.ad_storage": "granted",
        "gcm.analytics_storage": "granted",
        "tcf.purposes": "1,2,3",
        "cmp.choice": "accept (CookieYes)",
    }
    assert newly_granted(before, after) == [
        ("cmp.choice", "absent", "accept (CookieYes)"),
        ("gcm.ad_storage", "denied", "granted"),
        ("tcf.purposes", "none", "1,2,3"),
    ]
    assert newly_granted(after, after) == []
    assert newly_granted({}, {"cmp.choice": "reject (CookieYes)", "gcm.x": "denied"}) == []


def _run(answers: list[DueTimers], bound: float) -> tuple[float, str, int]:
    asked: list[float] = []

    async def due(horizon: float) -> DueTimers:
        asked.append(horizon)
        return answers.pop(0) if answers else DueTimers(None, 0)

    return asyncio.run(dwell(due, list, bound, 0.0))


def test_the_dwell_waits_for_each_timer_due_within_its_bound() -> None:
    seconds, reason, timers = _run([DueTimers(0.05, 0), DueTimers(0.0, 1)], 2.0)
    assert (reason, timers) == (NO_TIMER, 2) and seconds < 1.5
    assert _run([DueTimers(None, 3)], 2.0)[1:] == (ONLY_LATER, 0)
    assert _run([DueTimers(0.0, 0)] * 50, 0.2)[1] == BOUND


def _config(
    *argv: str, declared: Declarations | None = None, env: dict[str, str] | None = None
) -> CrawlSettings:
    args = cli.build_parser().parse_args(["scan", "https://a.test/", *argv])
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        settled = resolve_args(args, declared or Declarations())
    return build_config(settled, declared or Declarations(), settled.urls).crawl


def test_interaction_and_dwell_come_from_flag_env_policy_then_default(tmp_path: Path) -> None:
    path = tmp_path / "expected_cookies.yaml"
    path.write_text("policy:\n  interaction: basic\n  dwell: 8\n", encoding="utf-8")
    declared = parse_declarations(path.read_text(), str(path))
    assert (_config().interaction, _config().dwell_s) == ("full", 5.0)
    assert (_config(declared=declared).interaction, _config(declared=declared).dwell_s) == (
        "basic",
        8.0,
    )
    env = {"COOKIESCAN_INTERACTION": "none", "COOKIESCAN_DWELL": "1"}
    assert _config(declared=declared, env=env).interaction == "none"
    flagged = _config("--interaction", "full", "--dwell", "0", declared=declared, env=env)
    assert (flagged.interaction, flagged.dwell_s) == ("full", 0.0)


def test_a_bad_interaction_level_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "expected_cookies.yaml"
    path.write_text("policy:\n  interaction: wild\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"policy\.interaction"):
        parse_declarations(path.read_text(), str(path))
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["scan", "--interaction", "wild"])
