"""cookie_audit on the demo shop: what a scan records, recorded on the test's own page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Request

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Phase, SetBy
from scanner.pytest_plugin.audit import CookieAudit, CookieCompliance

pytestmark = pytest.mark.browser
SHOP = "www.demo-shop.test"


def test_accept_records_cookies_requests_and_phases_on_the_tests_page(
    page: Page, cookie_audit: CookieAudit, demo_site: LocalSite
) -> None:
    seen: list[Request] = []
    page.on("request", lambda r: seen.append(r))  # the test's own handlers get sync objects
    page.goto(demo_site.url(SHOP, "/"))
    evidence = cookie_audit.accept()
    assert evidence.applied and evidence.state is ConsentState.ACCEPT
    page.goto(demo_site.url(SHOP, "/products/"))
    page.context.new_page().goto(demo_site.url(SHOP, "/about"))  # a second tab
    state = cookie_audit.result.states[0]
    assert state.state is ConsentState.ACCEPT
    assert {o.url for o in state.observations} >= {
        demo_site.url(SHOP, "/"),
        demo_site.url(SHOP, "/products/"),
        demo_site.url(SHOP, "/about"),
    }
    cookies = {(c.name, c.phase): c for c in state.cookies()}
    assert cookies["sessionid", Phase.BEFORE_CONSENT].set_by is SetBy.HEADER
    early = cookies["_tl_id", Phase.BEFORE_CONSENT]  # the demo's deliberate problem a
    assert early.set_by is SetBy.SCRIPT and early.setter_url and early.lifetime_requested
    assert ("_tl_id", Phase.AFTER_CONSENT) in cookies
    assert any(r.initiator for r in state.requests())
    assert seen and all(isinstance(r, Request) for r in seen)


def test_reject_then_assert_lists_the_demos_deliberate_problems(
    page: Page, cookie_audit: CookieAudit, demo_site: LocalSite
) -> None:
    page.goto(demo_site.url(SHOP, "/"))
    cookie_audit.reject()
    page.goto(demo_site.url(SHOP, "/about"))
    with pytest.raises(CookieCompliance) as failure:
        cookie_audit.assert_compliant(fail_on="high")
    message = str(failure.value)
    assert "in consent state 'reject'" in message
    assert "cookie_before_consent [high] _tl_id @ " in message  # problem a
    assert "tracker_request_after_reject [high] adnetwork.test" in message  # problem b
