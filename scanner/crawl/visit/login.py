"""Signing in before the crawl: fill the declared form, submit, and prove the login worked."""

from __future__ import annotations

import contextlib
import fnmatch
from urllib.parse import parse_qsl, urlsplit

from playwright.async_api import Error, Page

from scanner.crawl.options import LoginPlan
from scanner.errors import LoginError, first_line

ALERTS = "[role=alert], .error, .alert, .flash"


async def log_in(page: Page, plan: LoginPlan, timeout_s: float) -> None:
    """Sign in on ``page``; ``LoginError`` says why not (never with the values typed)."""
    timeout = timeout_s * 1000
    try:
        await page.goto(plan.url, wait_until="load", timeout=timeout)
        for selector, value in plan.fields:
            await page.fill(selector, value, timeout=timeout)
        await page.click(plan.submit, timeout=timeout)
        await page.wait_for_load_state("load", timeout=timeout)
    except Error as exc:
        raise LoginError(f"login at {plan.url} failed: {first_line(exc)}") from exc
    if not await _succeeded(page, plan):
        raise LoginError(await _why_not(page, plan))
    if _in_url(page.url, plan):
        raise LoginError(
            f"the login form at {plan.url} sent the credentials in the URL (a GET form); "
            "refusing to crawl with them, as they would be written to the report"
        )


async def _succeeded(page: Page, plan: LoginPlan) -> bool:
    """The success URL reached, and the success element shown, within the wait."""
    timeout = plan.wait_s * 1000
    try:
        if plan.success_url:
            pattern = plan.success_url
            await page.wait_for_url(lambda url: _url_matches(url, pattern), timeout=timeout)
        if plan.success_selector:
            await page.wait_for_selector(plan.success_selector, state="visible", timeout=timeout)
    except Error:
        return False
    return True


def _url_matches(url: str, pattern: str) -> bool:
    return url == pattern or fnmatch.fnmatchcase(url, pattern)


async def _why_not(page: Page, plan: LoginPlan) -> str:
    """The reason a login did not work: what was expected, where the browser is, the alert."""
    wanted = " and ".join(
        f"{what} {value!r}"
        for what, value in (("URL", plan.success_url), ("element", plan.success_selector))
        if value
    )
    reason = f"login failed: {wanted} not reached within {plan.wait_s:g} s after submitting "
    reason += f"the form at {plan.url} (now at {page.url}"
    alert = ""
    with contextlib.suppress(Error):
        element = await page.query_selector(ALERTS)
        alert = " ".join((await element.inner_text()).split())[:200] if element else ""
    reason += f"; the page says: {alert!r})" if alert else ")"
    variables = ", ".join(plan.variables)
    return reason + (f"; check the credentials in {variables}" if variables else "")


def _in_url(url: str, plan: LoginPlan) -> bool:
    """Whether a value typed into the form shows in the query of ``url``."""
    query = {value for _, value in parse_qsl(urlsplit(url).query)}
    return any(value and value in query for _, value in plan.fields)
