"""Login values from the environment, --storage-state and --urls files, checked before a scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.errors import ConfigError
from scanner.model import LoginDeclaration
from scanner.settings.config import ScanConfig
from scanner.settings.login import login_plan, storage_state_file, urls_file

LOGIN = LoginDeclaration(
    url="https://shop.example/login",
    fields=(("#user", "SHOP_USER"), ("#password", "SHOP_PASSWORD")),
    submit="#go",
    success_selector="#logout",
    line=7,
)
ENV = {"SHOP_USER": "qa", "SHOP_PASSWORD": "s3cret-value"}


def test_values_come_from_the_named_variables_and_stay_out_of_reprs_and_reports() -> None:
    plan = login_plan(LOGIN, ENV)
    assert plan is not None
    assert plan.fields == (("#user", "qa"), ("#password", "s3cret-value"))
    config = ScanConfig(targets=("https://shop.example/",), declarations=None, out_dir=Path("."),  # type: ignore[arg-type]
                        login=plan)  # fmt: skip
    assert "s3cret-value" not in repr(plan) and "s3cret-value" not in repr(config)
    settings = dict(config.report_settings())
    assert settings["login"] == "https://shop.example/login (fields from SHOP_USER, SHOP_PASSWORD)"


def test_a_missing_variable_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"login \(line 7\): .*not set: SHOP_PASSWORD"):
        login_plan(LOGIN, {"SHOP_USER": "qa"})


def test_storage_state_must_be_playwright_json(tmp_path: Path) -> None:
    good = tmp_path / "state.json"
    good.write_text('{"cookies": [], "origins": []}', encoding="utf-8")
    assert storage_state_file(str(good)) == str(good.resolve())
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        with pytest.raises(ConfigError, match="--storage-state"):
            storage_state_file(str(path))


def test_urls_file_skips_comments_and_names_the_bad_line(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("# campaign\n\nhttps://a.example/x#frag\nb.example/y\n", encoding="utf-8")
    assert urls_file(str(urls)) == ["https://a.example/x#frag", "https://b.example/y"]
    urls.write_text("https://a.example/\nftp://nope/\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"urls.txt:2"):
        urls_file(str(urls))
