"""``cookie_audit`` for async suites: the recorder on the test's own async context, no bridge.

Judged and asserted exactly like the sync ``CookieAudit`` (the same plan, the same failure
message); only the calls that touch the browser are coroutines.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from playwright.async_api import BrowserContext, Page

from scanner.crawl.visit.audit import ContextAudit
from scanner.model import ConsentEvidence, ConsentState, Finding, ScanResult, Severity
from scanner.pipeline.progress import utc_now
from scanner.pytest_plugin.audit import (
    AuditPlan,
    CookieCompliance,
    assert_compliant,
    failing,
    judge,
    page_to_act_on,
    write_report,
)


class AsyncCookieAudit:
    """Records the test's async context from the start; ``await accept()``/``reject()``."""

    def __init__(self, context: BrowserContext, plan: AuditPlan) -> None:
        self.context = context
        self.plan = plan
        self.started_at = utc_now()
        self._audit = ContextAudit(context, plan.settings, secrets.token_bytes(32))
        self._result: ScanResult | None = None

    async def start(self) -> None:
        """Attach the recorder to the context and its pages."""
        await self._audit.start()

    def _page(self, page: Page | None) -> Page:
        return page_to_act_on(page, self.context.pages)

    async def accept(self, page: Page | None = None) -> ConsentEvidence:
        """Click "accept all" on ``page`` (default: the newest) with the scanner's engine."""
        return await self._choose(page, ConsentState.ACCEPT)

    async def reject(self, page: Page | None = None) -> ConsentEvidence:
        """Click "reject all" on ``page`` (default: the newest) with the scanner's engine."""
        return await self._choose(page, ConsentState.REJECT)

    async def _choose(self, page: Page | None, state: ConsentState) -> ConsentEvidence:
        evidence = await self._audit.choose(self._page(page), state)
        if not evidence.applied:
            raise CookieCompliance(f"cookie_audit could not {state.value}: {evidence.detail}")
        return evidence

    def mark_choice(self, state: str, page: Page | None = None) -> ConsentEvidence:
        """The test clicked the banner itself: everything from now on is after ``state``."""
        return self._audit.mark_choice(self._page(page), ConsentState(state))

    async def finish(self) -> ScanResult:
        """Stop recording and judge everything recorded (once) with the scanner's rules."""
        if self._result is None:
            state = await self._audit.finish(self.plan.state)
            browser = self.context.browser.version if self.context.browser else ""
            self._result = judge(self.plan, state, self.started_at, browser)
        return self._result

    @property
    def result(self) -> ScanResult:
        """The judged result, once ``finish()`` (or ``failing``/``assert_compliant``) ran."""
        if self._result is None:
            raise RuntimeError("cookie_audit: await cookie_audit.finish() before reading .result")
        return self._result

    async def failing(self, fail_on: str | Severity | None = None) -> tuple[Finding, ...]:
        """The findings at or above ``fail_on`` (default: the plan's) that no waiver covers."""
        return failing(await self.finish(), self.plan, fail_on)

    async def assert_compliant(self, fail_on: str | Severity | None = None) -> None:
        """Fail the test, listing each offending finding, when any reaches ``fail_on``."""
        assert_compliant(await self.finish(), self.plan, fail_on)

    async def write_report(self, folder: Path) -> list[Path]:
        """report.json and report.html (the scan's schema) into ``folder``."""
        return write_report(await self.finish(), self.plan, folder)
