"""Planning the consent actions on one page, in a fresh profile, without clicking anything."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from playwright.async_api import Error, async_playwright

from scanner.consent.factory import scan_engine
from scanner.consent.inspect import ConsentPlan, plan_consent
from scanner.crawl.browser.launch import launch_profile
from scanner.crawl.browser.locate import browser_version, default_user_agent, find_browser
from scanner.crawl.options import BrowserOptions
from scanner.errors import ScanError, first_line
from scanner.model import ConsentControls


async def inspect_consent(
    url: str, browser_path: str | None, browser: BrowserOptions, banner_wait: float
) -> ConsentPlan:
    """Load ``url`` in a fresh profile and plan the consent actions (clicking nothing)."""
    async with async_playwright() as playwright:
        location = find_browser(browser_path, playwright.chromium.executable_path)
        options = replace(
            browser,
            executable=location.path,
            user_agent=browser.user_agent or default_user_agent(browser_version(location.path)),
        )
        engine = scan_engine(ConsentControls(), banner_wait)
        with tempfile.TemporaryDirectory(prefix="cookiescan-consent-") as profile:
            context = await launch_profile(playwright, options, Path(profile))
            try:
                page = context.pages[0] if context.pages else await context.new_page()
                await page.goto(url, wait_until="load", timeout=30_000)
                return await plan_consent(engine, page)
            except Error as exc:
                raise ScanError(f"could not inspect {url}: {first_line(exc)}") from exc
            finally:
                await context.close()
