"""The plugin in a pytest run of its own (pytester): the team's login test against both shops."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from login_site import LOGIN_ROOT, LoginSite

from scanner.report.schema import load_schema

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.browser

TEAM = Path(__file__).parent / "team"
# The test extras hold pytest-playwright-asyncio too, which refuses to run beside pytest-playwright.
INI = """[pytest]
addopts = --strict-markers -p no:cacheprovider -p no:playwright-asyncio
filterwarnings = error
asyncio_default_fixture_loop_scope = function
"""
MARKED = """
import pytest
from test_account_cookies import SHOP, sign_in


@pytest.mark.cookiescan(state="reject", fail_on="high")
def test_rejects_on_its_own_banner(page, cookie_audit):
    page.goto(f"{SHOP}/")
    page.click("#reject")
    cookie_audit.mark_choice("reject")
    sign_in(page)


@pytest.mark.cookiescan(fail_on="high")
def test_never_chooses(page):
    page.goto(f"{SHOP}/")
    sign_in(page)
"""


@pytest.fixture(scope="module")
def shop() -> Iterator[LoginSite]:
    """The login shop; each test picks the variant."""
    with LoginSite(gated=False) as site:
        yield site


@pytest.fixture
def team(pytester: pytest.Pytester, shop: LoginSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding the team's tests and expected_cookies.yaml at its root."""
    pytester.makeini(INI)
    for name in ("conftest.py", "test_account_cookies.py"):
        shutil.copy(TEAM / name, pytester.path / name)
    shutil.copy(LOGIN_ROOT / "expected_cookies.yaml", pytester.path / "expected_cookies.yaml")
    monkeypatch.setenv("LOGINSHOP_HOST_RULES", shop.chromium_host_rules)
    return pytester.path


def reports(root: Path) -> list[Path]:
    return sorted((root / "test-results").glob("*/report.json"))


def test_the_team_test_fails_naming_the_tracker_only_on_account_pages(
    pytester: pytest.Pytester, team: Path, shop: LoginSite
) -> None:
    shop.gated = False
    result = pytester.runpytest_subprocess("test_account_cookies.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*cookiescan: * finding(s) at or above 'high' in consent state 'reject'*",
            "*tracker_request_after_reject [[]high] acctrack.test",
            "*page: https://www.loginshop.test/account/",
        ]
    )
    assert "correct-horse-battery" not in result.stdout.str()
    [report] = reports(team)
    data = json.loads(report.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema())
    assert data["meta"]["settings"]["pytest"].endswith(
        "test_account_pages_respect_reject_all[chromium]"
    )
    kinds = {(f["kind"], f["subject"]) for f in data["findings"]}
    assert ("tracker_request_after_reject", "acctrack.test") in kinds
    assert (report.parent / "report.html").is_file()
    assert "correct-horse-battery" not in report.read_text(encoding="utf-8")


def test_the_team_test_passes_when_the_tracker_waits_for_consent(
    pytester: pytest.Pytester, team: Path, shop: LoginSite
) -> None:
    shop.gated = True
    result = pytester.runpytest_subprocess("test_account_cookies.py")
    result.assert_outcomes(passed=1)
    assert reports(team) == []  # reports are kept on failure by default


def test_the_marker_fails_the_test_itself_and_always_keeps_the_report(
    pytester: pytest.Pytester, team: Path, shop: LoginSite
) -> None:
    shop.gated = False
    pytester.makepyfile(test_marked=MARKED)
    result = pytester.runpytest_subprocess("test_marked.py", "--cookiescan-report=always")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "*test_rejects_on_its_own_banner*",
            "*tracker_request_after_reject [[]high] acctrack.test",
            "*test_never_chooses*",
            "*tracker_request_before_consent [[]high] acctrack.test",
        ]
    )
    states = [json.loads(r.read_text(encoding="utf-8"))["meta"]["states"] for r in reports(team)]
    assert sorted(states) == [["none"], ["reject"]]


def test_a_bad_declared_file_names_its_line(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    pytester.makefile(".yaml", other="cookies:\n  - name: _ga\n    category: tasty\n")
    pytester.makepyfile(test_declared="def test_it(cookiescan_declarations):\n    pass\n")
    result = pytester.runpytest_subprocess("--cookiescan-declared", "other.yaml")
    result.stdout.fnmatch_lines(["*other.yaml:3: cookies[[]0].category: unknown category 'tasty'*"])
    assert result.ret != 0
