"""COOKIESCAN_* environment variables, and the precedence flags > environment > file > default."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from scanner import cli
from scanner.errors import ConfigError, ExitCode
from scanner.model import ConsentState, Declarations, Severity
from scanner.pipeline import execute as execute_module
from scanner.settings.config import ScanConfig
from scanner.settings.env import ENV_VARS, apply_defaults, apply_env
from scanner.settings.flags import resolve_args


def parse(*argv: str) -> argparse.Namespace:
    return cli.build_parser().parse_args(["scan", *argv])


def settle(
    args: argparse.Namespace, env: dict[str, str], file: dict[str, Any] | None = None
) -> Any:
    return apply_defaults(apply_env(args, env), file)


def test_every_variable_sets_an_existing_scan_option() -> None:
    args = vars(parse())
    assert [v.dest for v in ENV_VARS if v.dest not in args] == []
    assert all(v.name.startswith("COOKIESCAN_") for v in ENV_VARS)
    assert len({v.name for v in ENV_VARS}) == len(ENV_VARS)


def test_without_flags_or_environment_the_built_in_defaults_apply() -> None:
    args = settle(parse(), {})
    assert (args.max_pages, args.fail_on, args.states, args.out) == (
        20,
        "medium",
        "none,accept,reject",
        "reports",
    )
    assert (args.resolve, args.ignore_https_errors, args.headers) == ([], False, [])


def test_the_environment_beats_the_defaults() -> None:
    env = {
        "COOKIESCAN_MAX_PAGES": "5",
        "COOKIESCAN_STATES": "none,reject",
        "COOKIESCAN_TIMEOUT": "12.5",
        "COOKIESCAN_RESOLVE": "staging.example.com=10.0.0.5, *.test=127.0.0.1",
        "COOKIESCAN_IGNORE_HTTPS_ERRORS": "yes",
        "COOKIESCAN_USER_AGENT": "cookiescan-ci/1.0",
        "COOKIESCAN_HEADERS": "X-Staging: 1\nX-Team: privacy\n",
        "COOKIESCAN_FORMAT": "json,markdown",
        "COOKIESCAN_URL": "https://a.example/,https://b.example/",
    }
    args = settle(parse(), env)
    assert (args.max_pages, args.states, args.timeout) == (5, "none,reject", 12.5)
    assert args.resolve == ["staging.example.com=10.0.0.5", "*.test=127.0.0.1"]
    assert args.ignore_https_errors is True
    assert args.user_agent == "cookiescan-ci/1.0"
    assert args.headers == ["X-Staging: 1", "X-Team: privacy"]
    assert args.formats == ["json", "markdown"]
    assert args.urls == ["https://a.example/", "https://b.example/"]


def test_flags_beat_the_environment_even_when_they_repeat_the_default() -> None:
    env = {"COOKIESCAN_MAX_PAGES": "5", "COOKIESCAN_FAIL_ON": "high", "COOKIESCAN_URL": "a.example"}
    args = settle(parse("b.example", "--max-pages", "20", "--fail-on", "medium"), env)
    assert (args.max_pages, args.fail_on, args.urls) == (20, "medium", ["b.example"])
    listed = settle(parse("--resolve", "x.test=127.0.0.1"), {"COOKIESCAN_RESOLVE": "y=1.2.3.4"})
    assert listed.resolve == ["x.test=127.0.0.1"]


def test_fail_on_comes_from_flag_then_environment_then_file_then_default() -> None:
    file = {"fail_on": "high"}
    assert settle(parse(), {}, file).fail_on == "high"
    assert settle(parse(), {"COOKIESCAN_FAIL_ON": "low"}, file).fail_on == "low"
    assert (
        settle(parse("--fail-on", "never"), {"COOKIESCAN_FAIL_ON": "low"}, file).fail_on == "never"
    )
    assert settle(parse(), {}, {"fail_on": None}).fail_on == "medium"


def test_an_empty_variable_counts_as_unset() -> None:
    args = settle(parse(), {"COOKIESCAN_MAX_PAGES": "", "COOKIESCAN_FAIL_ON": "  "})
    assert (args.max_pages, args.fail_on) == (20, "medium")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("COOKIESCAN_MAX_PAGES", "many", "COOKIESCAN_MAX_PAGES: 'many' is not a number"),
        ("COOKIESCAN_MAX_PAGES", "0", "COOKIESCAN_MAX_PAGES: must be at least 1, got 0"),
        ("COOKIESCAN_SETTLE", "nan", "COOKIESCAN_SETTLE: must be at least 0"),
        ("COOKIESCAN_FAIL_ON", "critical", "COOKIESCAN_FAIL_ON: 'critical' is not a severity"),
        ("COOKIESCAN_STATES", "all", "COOKIESCAN_STATES: unknown state(s) all"),
        ("COOKIESCAN_RESOLVE", "staging", "COOKIESCAN_RESOLVE: 'staging' is not HOST=IP"),
        ("COOKIESCAN_VIEWPORT", "big", "COOKIESCAN_VIEWPORT: 'big' is not WIDTHxHEIGHT"),
        ("COOKIESCAN_HEADED", "maybe", "COOKIESCAN_HEADED: 'maybe' is not a boolean"),
        ("COOKIESCAN_THIRD_PARTY_COOKIES", "some", "COOKIESCAN_THIRD_PARTY_COOKIES: 'some' is not"),
        ("COOKIESCAN_FORMAT", "json,pdf", "COOKIESCAN_FORMAT: 'pdf' is not one of"),
        ("COOKIESCAN_HEADERS", "no colon here", "COOKIESCAN_HEADERS: 'no colon here' is not"),
    ],
)
def test_bad_values_name_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        apply_env(parse(), {name: value})
    assert str(caught.value).startswith(message)
    assert caught.value.location == name


def _captured_config(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str]
) -> ScanConfig:
    """Run `cookiescan scan` up to the scan itself and return the config it would scan with."""
    seen: list[ScanConfig] = []

    def fake_execute(config: ScanConfig, *_args: object, **_kw: object) -> int:
        seen.append(config)
        return 0

    monkeypatch.setattr(execute_module, "execute", fake_execute)
    for name in [v.name for v in ENV_VARS]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli.main(["scan", *argv]) == 0
    return seen[0]


def test_the_scan_command_applies_flags_env_and_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declared = tmp_path / "expected_cookies.yaml"
    declared.write_text("site: https://shop.example/\npolicy:\n  fail_on: low\n", "utf-8")
    env = {"COOKIESCAN_DECLARED": str(declared), "COOKIESCAN_MAX_PAGES": "3"}
    config = _captured_config(monkeypatch, ["--states", "none"], env)
    assert config.targets == ("https://shop.example/",)
    assert (config.crawl.max_pages, config.states, config.fail_on) == (
        3,
        (ConsentState.NONE,),
        Severity.LOW,
    )
    env["COOKIESCAN_FAIL_ON"] = "high"
    assert _captured_config(monkeypatch, [], env).fail_on is Severity.HIGH
    assert _captured_config(monkeypatch, ["--fail-on", "never"], env).fail_on is None


def test_every_setting_knows_where_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declared = tmp_path / "expected_cookies.yaml"
    declared.write_text("site: https://shop.example/\npolicy:\n  fail_on: low\n", "utf-8")
    env = {"COOKIESCAN_DECLARED": str(declared), "COOKIESCAN_MAX_PAGES": "3"}
    sources = dict(_captured_config(monkeypatch, ["--states", "none"], env).sources)
    assert sources["states"] == "flag"
    assert sources["max_pages"] == "env COOKIESCAN_MAX_PAGES"
    assert sources["declared"] == "env COOKIESCAN_DECLARED"
    assert sources["fail_on"] == f"file {declared}"
    assert sources["depth"] == "default"


def test_a_bad_variable_exits_2_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COOKIESCAN_DEPTH", "-1")
    assert cli.main(["scan", "https://shop.example/"]) == ExitCode.USAGE
    assert "COOKIESCAN_DEPTH: must be at least 0, got -1" in capsys.readouterr().err


def test_the_demo_keeps_its_built_in_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [v.name for v in ENV_VARS]:
        monkeypatch.delenv(name, raising=False)
    args = resolve_args(cli.build_parser().parse_args(["demo"]), Declarations())
    assert (args.resolve, args.max_pages, args.headers) == ([], 20, [])
