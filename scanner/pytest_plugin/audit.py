"""``cookie_audit``: what a scan records, recorded on a test's own context, then judged."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from playwright.sync_api import BrowserContext, Page

from scanner.crawl.visit.audit import AuditSettings, ContextAudit
from scanner.knowledge import KnowledgeBase
from scanner.model import (
    ConsentEvidence,
    ConsentState,
    Declarations,
    Finding,
    ScanResult,
    Severity,
    StateResult,
)
from scanner.pipeline.progress import utc_now
from scanner.pipeline.result import build_result
from scanner.pytest_plugin.bridge import as_async, run
from scanner.report import OutputFormat, write_reports
from scanner.report.context import ReportOptions, build_context
from scanner.settings.config import ScanConfig

REPORT_FORMATS = (OutputFormat.JSON, OutputFormat.HTML)


@dataclass(frozen=True, slots=True)
class AuditPlan:
    """What one test's audit judges against: declarations, threshold, expected state."""

    declarations: Declarations
    fail_on: Severity | None
    state: ConsentState | None
    settings: AuditSettings
    knowledge: KnowledgeBase | None = None
    test: str = ""


class CookieCompliance(AssertionError):
    """A test's pages set cookies or contacted trackers the declared list does not allow."""


class CookieAudit:
    """Records the test's context from the start; ``accept``/``reject`` choose like a scan."""

    def __init__(self, context: BrowserContext, plan: AuditPlan) -> None:
        self.context = context
        self.plan = plan
        self.started_at = utc_now()
        self._async = ContextAudit(as_async(context), plan.settings, secrets.token_bytes(32))
        self._result: ScanResult | None = None

    def start(self) -> None:
        """Attach the recorder to the context and its pages."""
        run(self.context, self._async.start())

    def _page(self, page: Page | None) -> Page:
        return page_to_act_on(page, self.context.pages)

    def accept(self, page: Page | None = None) -> ConsentEvidence:
        """Click "accept all" on ``page`` (default: the newest) with the scanner's engine."""
        return self._choose(page, ConsentState.ACCEPT)

    def reject(self, page: Page | None = None) -> ConsentEvidence:
        """Click "reject all" on ``page`` (default: the newest) with the scanner's engine."""
        return self._choose(page, ConsentState.REJECT)

    def _choose(self, page: Page | None, state: ConsentState) -> ConsentEvidence:
        target = self._page(page)
        evidence = run(target, self._async.choose(as_async(target), state))
        if not evidence.applied:
            raise CookieCompliance(f"cookie_audit could not {state.value}: {evidence.detail}")
        return evidence

    def mark_choice(self, state: str, page: Page | None = None) -> ConsentEvidence:
        """The test clicked the banner itself: everything from now on is after ``state``."""
        target = self._page(page)
        return self._async.mark_choice(as_async(target), ConsentState(state))

    @property
    def result(self) -> ScanResult:
        """Stop recording and judge everything recorded (once) with the scanner's rules."""
        if self._result is None:
            state = run(self.context, self._async.finish(self.plan.state))
            browser = self.context.browser.version if self.context.browser else ""
            self._result = judge(self.plan, state, self.started_at, browser)
        return self._result

    def failing(self, fail_on: str | Severity | None = None) -> tuple[Finding, ...]:
        """The findings at or above ``fail_on`` (default: the plan's) that no waiver covers."""
        return failing(self.result, self.plan, fail_on)

    def assert_compliant(self, fail_on: str | Severity | None = None) -> None:
        """Fail the test, listing each offending finding, when any reaches ``fail_on``."""
        assert_compliant(self.result, self.plan, fail_on)

    def write_report(self, folder: Path) -> list[Path]:
        """report.json and report.html (the scan's schema) into ``folder``."""
        return write_report(self.result, self.plan, folder)


class _Tab(Protocol):
    def is_closed(self) -> bool: ...


T = TypeVar("T", bound=_Tab)


def page_to_act_on(page: T | None, pages: Sequence[T]) -> T:
    """``page``, or the context's newest open page (sync and async pages alike)."""
    if page is not None:
        return page
    open_pages = [p for p in pages if not p.is_closed()]
    if not open_pages:
        raise RuntimeError("cookie_audit: the context has no open page to act on")
    return open_pages[-1]


def judge(plan: AuditPlan, state: StateResult, started_at: str, browser: str) -> ScanResult:
    """One recorded state judged like a scan's, with the test's settings in its meta."""
    target = next((o.url for o in state.observations), plan.settings.site or "")
    config = ScanConfig(
        targets=(target,) if target else (),
        declarations=plan.declarations,
        out_dir=Path("."),
        states=(state.state,),
        fail_on=plan.fail_on,
    )
    result = build_result(config, (state,), started_at, browser, knowledge=plan.knowledge)
    return replace(result, meta=replace(result.meta, settings=_settings(plan, result)))


def _settings(plan: AuditPlan, result: ScanResult) -> tuple[tuple[str, str], ...]:
    """A test's audit has no crawl settings: the test, the state, the knowledge versions."""
    knowledge = tuple(kv for kv in result.meta.settings if kv[0].startswith("knowledge."))
    states = ",".join(s.state.value for s in result.states)
    return (("pytest", plan.test), ("states", states), *knowledge)


def failing(
    result: ScanResult, plan: AuditPlan, fail_on: str | Severity | None = None
) -> tuple[Finding, ...]:
    """The findings at or above ``fail_on`` (default: the plan's) that no waiver covers."""
    threshold = plan.fail_on if fail_on is None else _severity(fail_on)
    return build_context(result, ReportOptions(fail_on=threshold)).verdict.failing


def assert_compliant(
    result: ScanResult, plan: AuditPlan, fail_on: str | Severity | None = None
) -> None:
    """Raise ``CookieCompliance``, listing each offending finding, when any reaches ``fail_on``."""
    threshold = plan.fail_on if fail_on is None else _severity(fail_on)
    offending = failing(result, plan, threshold)
    if offending:
        raise CookieCompliance(failure_message(result, offending, threshold))


def write_report(result: ScanResult, plan: AuditPlan, folder: Path) -> list[Path]:
    """report.json and report.html (the scan's schema) into ``folder``."""
    return write_reports(result, folder, REPORT_FORMATS, ReportOptions(fail_on=plan.fail_on))


def _severity(value: str | Severity | None) -> Severity | None:
    from scanner.settings.parse import parse_fail_on

    if value is None or isinstance(value, Severity):
        return value
    return parse_fail_on(value)


def failure_message(result: ScanResult, failing: tuple[Finding, ...], fail_on: Any) -> str:
    """One line per offending finding: kind, severity, subject, page and message."""
    state = result.states[0].state.value if result.states else "none"
    declared = result.declarations.path or "no expected_cookies.yaml"
    lines = [
        f"cookiescan: {len(failing)} finding(s) at or above '{fail_on}' in consent state "
        f"'{state}' (declared: {declared}):"
    ]
    for f in failing:
        lines.append(f"  - {f.kind} [{f.severity.value}] {f.subject}")
        lines.append(f"      page: {f.page or '-'}")
        lines.append(f"      {f.message}")
    return "\n".join(lines)
