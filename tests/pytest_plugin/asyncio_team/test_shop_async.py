"""An async end-to-end suite with cookie compliance: the marker, ``await cookie_audit...``."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, Route

from scanner.pytest_plugin.async_audit import AsyncCookieAudit

pytestmark = pytest.mark.asyncio(loop_scope="session")
SHOP = "https://www.demo-shop.test"


@pytest.mark.cookiescan(state="reject", fail_on="high")
async def test_the_shop_respects_reject_all(page: Page, cookie_audit: AsyncCookieAudit) -> None:
    await page.goto(f"{SHOP}/")
    await cookie_audit.reject()
    await page.goto(f"{SHOP}/about")


async def test_a_clean_page_is_compliant(page: Page, cookie_audit: AsyncCookieAudit) -> None:
    async def clean(route: Route) -> None:
        await route.fulfill(body="<h1>Hello</h1>", content_type="text/html")

    await page.route(f"{SHOP}/clean", clean)
    await page.goto(f"{SHOP}/clean")
    await cookie_audit.assert_compliant()
    [state] = cookie_audit.result.states
    assert [o.url for o in state.observations] == [f"{SHOP}/clean"]
