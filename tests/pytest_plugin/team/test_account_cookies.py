"""An end-to-end test as a team writes it, with cookie compliance asserted where it goes."""

from __future__ import annotations

import os

from playwright.sync_api import Page, expect

from scanner.pytest_plugin.audit import CookieAudit

SHOP = "https://www.loginshop.test"


def sign_in(page: Page) -> None:
    """Sign in through the shop's own form."""
    page.get_by_role("link", name="Sign in").click()
    page.fill("#username", os.environ["LOGINSHOP_USER"])
    page.fill("#password", os.environ["LOGINSHOP_PASSWORD"])
    page.click("#sign-in")
    expect(page.locator("#welcome")).to_be_visible()


def test_account_pages_respect_reject_all(page: Page, cookie_audit: CookieAudit) -> None:
    page.goto(f"{SHOP}/")
    cookie_audit.reject()
    sign_in(page)
    page.get_by_role("link", name="Your orders").click()
    expect(page.locator("h1")).to_have_text("Your orders")
    cookie_audit.assert_compliant(fail_on="high")
