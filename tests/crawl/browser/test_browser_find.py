"""Browser discovery order and launch settings, without launching anything."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from scanner.crawl.browser.launch import launch_args, resolver_rules, write_profile
from scanner.crawl.browser.locate import default_user_agent, find_browser
from scanner.crawl.options import BrowserOptions
from scanner.errors import BrowserNotFoundError


def fake_browser(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\necho 'Chromium 150.0.1.2'\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_explicit_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOKIESCAN_BROWSER", str(fake_browser(tmp_path, "env-chrome")))
    explicit = fake_browser(tmp_path, "flag-chrome")
    assert find_browser(str(explicit), None).how == "--browser-path"
    assert find_browser(None, None).how == "COOKIESCAN_BROWSER"


def test_playwright_then_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COOKIESCAN_BROWSER", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    bundled = fake_browser(tmp_path, "bundled")
    assert find_browser(None, str(bundled)).how == "Playwright's Chromium"
    fake_browser(tmp_path, "chromium-browser")
    found = find_browser(None, str(tmp_path / "missing"))
    assert found.how == "'chromium-browser' on PATH"


def test_nothing_found_lists_what_was_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COOKIESCAN_BROWSER", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BrowserNotFoundError) as caught:
        find_browser(None, "/nowhere/chrome")
    message = str(caught.value)
    for tried in ("/nowhere/chrome", "'chromium'", "'chromium-browser'", "'google-chrome'"):
        assert tried in message
    assert "apt-get install chromium" in message


def test_profile_allows_or_blocks_third_party_cookies(tmp_path: Path) -> None:
    write_profile(tmp_path / "a", block_third_party_cookies=False)
    write_profile(tmp_path / "b", block_third_party_cookies=True)
    allow = json.loads((tmp_path / "a/Default/Preferences").read_text("utf-8"))["profile"]
    block = json.loads((tmp_path / "b/Default/Preferences").read_text("utf-8"))["profile"]
    assert allow == {"cookie_controls_mode": 0, "block_third_party_cookies": False}
    assert block["block_third_party_cookies"] is True


def test_launch_looks_like_a_real_visitor() -> None:
    options = BrowserOptions(executable="/x", resolve=("*.test=127.0.0.1:8443", "a.b=10.0.0.1"))
    args = launch_args(options)
    assert "--disable-blink-features=AutomationControlled" in args
    assert "--host-resolver-rules=MAP *.test 127.0.0.1:8443, MAP a.b 10.0.0.1" in args
    assert resolver_rules(()) == ""
    agent = default_user_agent("156.0.8078.73")
    assert "Chrome/156.0.0.0" in agent and "Headless" not in agent
