"""DevTools sessions on a page and on each of its out-of-process iframes, feeding one handler.

Playwright's ``new_cdp_session`` reaches a page, and a frame once that frame runs in its own
process (a cross-site iframe under site isolation); frames sharing the page's process are
covered by the page's session. Each session gets the Network domain, so initiators, beacons
and the cookies sent with each request are known for every document the page shows.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Protocol

from playwright.async_api import BrowserContext, CDPSession, Error, Frame, Page

NETWORK_EVENTS = (
    "Network.requestWillBeSent",
    "Network.requestWillBeSentExtraInfo",
    "Network.responseReceived",
    "Network.loadingFinished",
    "Network.loadingFailed",
)


class NetworkListener(Protocol):
    """Receives the Network events of every session of a page."""

    def on_network_event(self, page: Page, method: str, event: dict[str, Any]) -> None:
        """One DevTools Network event seen in ``page`` (or one of its frames)."""


class PageTargets:
    """The DevTools sessions of one page: the page itself and its out-of-process frames."""

    def __init__(self, context: BrowserContext, page: Page, listener: NetworkListener) -> None:
        self.context = context
        self.page = page
        self.listener = listener
        self._sessions: dict[Frame | Page, CDPSession] = {}
        self._pending: set[asyncio.Task[None]] = set()

    async def attach(self) -> None:
        """Attach to the page now and to each frame as it navigates."""
        await self._attach(self.page)
        self.page.on("framenavigated", self._on_frame)

    def _on_frame(self, frame: Frame) -> None:
        if frame.parent_frame is None or frame in self._sessions:
            return
        task = asyncio.ensure_future(self._attach(frame))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _attach(self, target: Frame | Page) -> None:
        """A session with the Network domain on; frames in the page's process have none."""
        with contextlib.suppress(Error):
            session = await self.context.new_cdp_session(target)
            self._sessions[target] = session
            for method in NETWORK_EVENTS:
                session.on(method, self._forward(method))
            await session.send("Network.enable")

    def _forward(self, method: str) -> Any:
        def forward(event: dict[str, Any]) -> None:
            self.listener.on_network_event(self.page, method, event)

        return forward
