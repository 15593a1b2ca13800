"""The browser settings: flags and COOKIESCAN_* into the one BrowserOptions a scan crawls with."""

from __future__ import annotations

import pytest

from scanner import cli
from scanner.crawl.options import BrowserOptions, HttpCredentials
from scanner.errors import ConfigError
from scanner.model import Declarations
from scanner.pipeline.run import crawl_plan
from scanner.settings.config import ScanConfig
from scanner.settings.env import apply_defaults, apply_env
from scanner.settings.flags import build_config

SITE = "https://shop.example/"


def configured(env: dict[str, str], *argv: str) -> ScanConfig:
    args = apply_defaults(apply_env(cli.build_parser().parse_args(["scan", *argv]), env))
    return build_config(args, Declarations(), [SITE])


def test_defaults_are_the_crawls_defaults_and_report_as_before() -> None:
    config = configured({})
    assert config.browser == BrowserOptions()
    assert crawl_plan(config).browser is config.browser
    settings = dict(config.report_settings())
    assert settings["browser_endpoint"] == settings["storage_state"] == ""
    assert (settings["user_agent"], settings["viewport"]) == ("default Chrome", "1366x768")


def test_flags_and_environment_fill_the_browser_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGE_AUTH", "qa:s3cret")
    env = {"COOKIESCAN_HEADED": "yes", "COOKIESCAN_LOCALE": "de-DE"}
    argv = ("--browser-endpoint", "ws://u:p@127.0.0.1:9222/x?token=t", "--viewport", "390x844",
            "--third-party-cookies", "block", "--resolve", "*.test=127.0.0.1",
            "--ignore-https-errors", "--http-credentials", "STAGE_AUTH",
            "--header", "X-A: 1")  # fmt: skip
    config = configured(env, *argv)
    browser = config.browser
    assert browser == BrowserOptions(
        headless=False,
        block_third_party_cookies=True,
        locale="de-DE",
        viewport=(390, 844),
        resolve=("*.test=127.0.0.1",),
        ignore_https_errors=True,
        http_credentials=HttpCredentials("qa", "s3cret", "https://shop.example", "STAGE_AUTH"),
        extra_headers=(("X-A", "1"),),
        endpoint="ws://u:p@127.0.0.1:9222/x?token=t",
    )
    settings = dict(config.report_settings())
    assert settings["browser_endpoint"] == "ws://127.0.0.1:9222/x"
    assert (settings["http_credentials"], settings["extra_headers"]) == ("STAGE_AUTH", "X-A")
    assert "s3cret" not in repr(config)


def test_the_first_bad_value_is_still_the_error_reported() -> None:
    with pytest.raises(ConfigError, match="--viewport"):
        configured({}, "--fail-on", "bad", "--viewport", "big")
    with pytest.raises(ConfigError, match="--fail-on"):
        configured({}, "--fail-on", "bad", "--header", "no colon")
