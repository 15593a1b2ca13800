"""The pytest plugin (entry point ``pytest11``): options, the marker, hooks and fixtures.

The fixtures here serve pytest-playwright's sync objects. When pytest-playwright-asyncio is
the run's Playwright plugin instead, ``scanner.pytest_plugin.async_plugin`` is registered on top
(and only then imported): the same fixture names, async, on its async context.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, BrowserType

from scanner.crawl.browser.launch import QUIET_ARGS, launch_args, write_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.options import BrowserOptions
from scanner.crawl.visit.audit import AuditSettings
from scanner.declared import load_declarations
from scanner.errors import ConfigError
from scanner.knowledge import load_knowledge
from scanner.model import ConsentState, Declarations
from scanner.pytest_plugin.audit import AuditPlan, CookieAudit
from scanner.settings.parse import parse_fail_on

DECLARED_NAME = "expected_cookies.yaml"
REPORT_MODES = ("on-failure", "always", "off")
MARKER = (
    "cookiescan(state='none'|'accept'|'reject', fail_on='info'|'low'|'medium'|'high'|'never'): "
    "audit the test's cookies and trackers with cookiescan and fail it on findings"
)
_CALL_FAILED = pytest.StashKey[bool]()
_CHECK = pytest.StashKey[Callable[[], None]]()  # a marked test's audit, asserted after its body
ASYNC_PLAYWRIGHT = ("pytest_playwright_asyncio.pytest_playwright", "playwright-asyncio")


def pytest_addoption(parser: pytest.Parser) -> None:
    """--cookiescan-* options."""
    group = parser.getgroup("cookiescan", "cookie compliance (cookiescan)")
    group.addoption(
        "--cookiescan-declared", metavar="PATH", default=None,
        help=f"the declared list (default: {DECLARED_NAME} in the rootdir, if present)",
    )  # fmt: skip
    group.addoption(
        "--cookiescan-fail-on", metavar="SEVERITY", default=None,
        help="fail on findings at or above: info, low, medium, high, never "
        "(default: policy.fail_on of the declared list, else medium)",
    )  # fmt: skip
    group.addoption(
        "--cookiescan-report", choices=REPORT_MODES, default="on-failure",
        help="write report.json and report.html into the test's artifacts folder "
        "(--output/<test>/): on-failure (default), always or off",
    )  # fmt: skip
    group.addoption(
        "--cookiescan-banner-wait", type=float, default=5.0, metavar="S",
        help="max wait for a consent banner in accept()/reject() (5)",
    )  # fmt: skip


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker (the repository runs with --strict-markers); under
    pytest-playwright-asyncio, the async fixtures."""
    config.addinivalue_line("markers", MARKER)
    manager = config.pluginmanager
    if any(manager.has_plugin(name) for name in ASYNC_PLAYWRIGHT):
        async_plugin = importlib.import_module("scanner.pytest_plugin.async_plugin")
        manager.register(async_plugin, "cookiescan-asyncio")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test marked ``cookiescan`` gets the ``cookie_audit`` fixture without asking."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        marked = item.get_closest_marker("cookiescan") is not None
        if marked and names is not None and "cookie_audit" not in names:
            names.append("cookie_audit")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """After a marked test's body passes, its audit must pass too (a failure, not an error)."""
    yield
    check = item.stash.get(_CHECK, None)
    marker = item.get_closest_marker("cookiescan")
    if check is not None and marker is not None:
        check()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember whether the test body failed, for the report-on-failure option."""
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


def _declared_path(config: pytest.Config) -> Path | None:
    option = config.getoption("--cookiescan-declared")
    if option:
        return Path(option)
    default = config.rootpath / DECLARED_NAME
    return default if default.is_file() else None


@pytest.fixture(scope="session")
def cookiescan_declarations(pytestconfig: pytest.Config) -> Declarations:
    """The declared list every audit is judged against."""
    path = _declared_path(pytestconfig)
    try:
        return load_declarations(path) if path else Declarations()
    except ConfigError as exc:
        raise pytest.UsageError(f"cookiescan: {exc}") from exc


@pytest.fixture(scope="session")
def cookiescan_launch_args() -> dict[str, Any]:
    """Launch options for the Chromium a scan would use (``--browser-path`` aside: the
    COOKIESCAN_BROWSER variable, then chromium / google-chrome on PATH), with its switches.

    Merge them in the project's conftest.py::

        @pytest.fixture(scope="session")
        def browser_type_launch_args(browser_type_launch_args, cookiescan_launch_args):
            return {**browser_type_launch_args, **cookiescan_launch_args}
    """
    location = find_browser(None, None)
    return {
        "executable_path": location.path,
        "args": launch_args(BrowserOptions()),
        "ignore_default_args": ["--enable-automation"],
    }


@pytest.fixture
def cookiescan_context(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    browser_context_args: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[BrowserContext]:
    """A fresh persistent profile that stores third-party cookies, like a default Chrome user
    (and like a scan); pytest-playwright's own contexts are incognito and block them.

    Use it as the tests' ``context`` in conftest.py::

        @pytest.fixture
        def context(cookiescan_context):
            return cookiescan_context
    """
    profile = tmp_path_factory.mktemp("cookiescan-profile")
    write_profile(profile, block_third_party_cookies=False)
    launch = dict(browser_type_launch_args)
    launch["args"] = [*launch.get("args", QUIET_ARGS)]
    context = browser_type.launch_persistent_context(str(profile), **launch, **browser_context_args)
    yield context
    context.close()


def _plan(request: pytest.FixtureRequest, declarations: Declarations) -> AuditPlan:
    marker = request.node.get_closest_marker("cookiescan")
    kwargs = marker.kwargs if marker else {}
    option = request.config.getoption("--cookiescan-fail-on")
    fail_on_text = kwargs.get("fail_on") or option or declarations.policy.fail_on or "medium"
    state = kwargs.get("state")
    try:
        fail_on = parse_fail_on(str(fail_on_text))
        expected = ConsentState(state) if state else None
    except (ConfigError, ValueError) as exc:
        raise pytest.UsageError(f"cookiescan marker on {request.node.nodeid}: {exc}") from exc
    settings = AuditSettings(
        controls=declarations.consent,
        banner_wait_s=request.config.getoption("--cookiescan-banner-wait"),
        site=declarations.site,
    )
    knowledge = _knowledge(request.config)
    return AuditPlan(declarations, fail_on, expected, settings, knowledge, request.node.nodeid)


def _knowledge(config: pytest.Config) -> Any:
    key = "_cookiescan_knowledge"
    if not hasattr(config, key):
        setattr(config, key, load_knowledge())
    return getattr(config, key)


@pytest.fixture
def cookie_audit(
    request: pytest.FixtureRequest,
    context: BrowserContext,
    output_path: str,
    cookiescan_declarations: Declarations,
) -> Iterator[CookieAudit]:
    """Records what the test's context does (cookies, storage, requests) and judges it."""
    audit = CookieAudit(context, _plan(request, cookiescan_declarations))
    audit.start()
    request.node.stash[_CHECK] = audit.assert_compliant
    yield audit
    if _wants_report(request):
        _reported(request, audit.write_report(Path(output_path)))
    else:
        _ = audit.result  # judged even unreported, so the recording stops with the test


def _wants_report(request: pytest.FixtureRequest) -> bool:
    """--cookiescan-report: always, or on-failure when the test body failed."""
    mode = request.config.getoption("--cookiescan-report")
    failed = request.node.stash.get(_CALL_FAILED, True)
    return bool(mode == "always" or (mode == "on-failure" and failed))


def _reported(request: pytest.FixtureRequest, written: list[Path]) -> None:
    request.node.user_properties.append(("cookiescan_report", str(written[-1])))
