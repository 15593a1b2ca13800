"""A hard per-page deadline: a page whose main thread never yields is closed; the crawl goes on."""

from __future__ import annotations

import asyncio
import contextlib

from playwright.async_api import BrowserContext, Error, Page

from scanner.crawl.browser.bounds import CLOSE_PAGE_S

GRACE_S = 5.0


def page_deadline(timeout_s: float, settle_s: float, consent_s: float = 0.0) -> float:
    """Seconds a whole visit may take: load, settle, consent (landing page), and recording.

    ``consent_s`` is the banner wait plus a second settle on a page where the consent choice
    is made (0 elsewhere); GRACE_S covers reading cookies, storage and links.
    """
    return timeout_s + settle_s + consent_s + GRACE_S


async def close_page(context: BrowserContext, page: Page) -> str:
    """Close ``page`` even when its renderer is stuck in a loop; say how it went.

    ``page.close`` without beforeunload is handled by the browser process, not the busy
    renderer; when even that does not answer, the DevTools ``Target.closeTarget`` is sent.
    """
    try:
        await asyncio.wait_for(page.close(run_before_unload=False), CLOSE_PAGE_S)
        return "closed"
    except (TimeoutError, Error):
        pass
    with contextlib.suppress(TimeoutError, Error):
        session = await asyncio.wait_for(context.new_cdp_session(page), CLOSE_PAGE_S)
        info = await asyncio.wait_for(session.send("Target.getTargetInfo"), CLOSE_PAGE_S)
        target = {"targetId": info["targetInfo"]["targetId"]}
        await asyncio.wait_for(session.send("Target.closeTarget", target), CLOSE_PAGE_S)
        return "closed through DevTools"
    return "could not be closed"
