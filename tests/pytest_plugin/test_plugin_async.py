"""The plugin under pytest-playwright-asyncio, in a pytest run of its own (pytester): the async
``cookie_audit`` fails a marked test on the demo's problems with the sync message, and passes
a clean page. The repository's own runs disable that plugin (it refuses pytest-playwright)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.demo.server import LocalSite

pytest_plugins = ["pytester"]

TEAM = Path(__file__).parent / "asyncio_team"
INI = """[pytest]
addopts = --strict-markers -p no:cacheprovider -p no:playwright
filterwarnings = error
asyncio_default_fixture_loop_scope = session
asyncio_default_test_loop_scope = session
"""


@pytest.mark.browser
def test_the_async_audit_fails_on_the_demos_problems_and_passes_a_clean_page(
    pytester: pytest.Pytester, demo_site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeini(INI)
    for name in ("conftest.py", "test_shop_async.py"):
        shutil.copy(TEAM / name, pytester.path / name)
    shutil.copy(demo_site.root / "expected_cookies.yaml", pytester.path / "expected_cookies.yaml")
    monkeypatch.setenv("SITE_HOST_RULES", demo_site.chromium_host_rules)
    result = pytester.runpytest_subprocess("--cookiescan-report=always")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            "*test_the_shop_respects_reject_all*",
            "*cookiescan: * finding(s) at or above 'high' in consent state 'reject'*",
            "*cookie_before_consent [[]high] _tl_id @ *",  # the demo's problem a
            "*tracker_request_after_reject [[]high] adnetwork.test",  # problem b
        ]
    )
    reports = sorted((pytester.path / "test-results").glob("*/report.json"))
    states = [json.loads(r.read_text(encoding="utf-8"))["meta"]["states"] for r in reports]
    assert sorted(states) == [["none"], ["reject"]]


def test_the_sync_plugin_does_not_import_the_async_one() -> None:
    code = (
        "import sys, scanner.pytest_plugin.plugin\n"
        "print(sorted(m for m in ('pytest_asyncio', 'pytest_playwright_asyncio',"
        " 'scanner.pytest_plugin.async_plugin') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
