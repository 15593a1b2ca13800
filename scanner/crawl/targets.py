"""DevTools sessions on a page and every target it creates (iframes in their own process,
dedicated and service workers), feeding one listener with their Network events.

Playwright routes flat child sessions to its own objects only, so the page's session attaches
to its children in the protocol's non-flat mode: ``Target.setAutoAttach`` with
``waitForDebuggerOnStart`` (the child waits until its Network domain is on, so its first
requests are seen), commands through ``Target.sendMessageToTarget`` and events back through
``Target.receivedMessageFromTarget``. Children of iframes are attached the same way (asking
a dedicated worker to auto-attach stops its Network events in Chromium 156).
Each worker, while it waits, gets the cookie and API hooks (worker_hooks.py) reporting through
a ``Runtime.addBinding`` binding. Chromium 156 crashes the renderer when code evaluated this
way reads the worker's ``location``, so the hooks never do (the worker's URL is known here).
Shared workers belong to the browser, not to a page: no page session reaches them
(shared_workers.py watches them from a browser-level session).

The worker does not wait for this session: Playwright's own session resumes it at once (a
non-flat session does not hold a worker in Chromium 156), so a dedicated worker's first
requests can be sent before its Network domain is on here. Each dedicated worker of the page's
top document is therefore remembered with when it was attached and when its Network domain
answered (``unwatched_workers``), so that a request only Playwright saw can be given to the
one worker that could have sent it unseen (see recorder.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass
from typing import Any, Protocol

from playwright.async_api import BrowserContext, CDPSession, Error, Page

from scanner.crawl.worker_hooks import WORKER_BINDING, WORKER_SCRIPT

NETWORK_EVENTS = (
    "Network.requestWillBeSent",
    "Network.requestWillBeSentExtraInfo",
    "Network.responseReceived",
    "Network.loadingFinished",
    "Network.loadingFailed",
)
AUTO_ATTACH = {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False}
WORKER_TYPES = {
    "worker": "dedicated worker",
    "service_worker": "service worker",
    "shared_worker": "shared worker",
}
WORKER_COMMANDS: tuple[tuple[str, Any], ...] = (
    ("Runtime.evaluate", {"expression": WORKER_SCRIPT, "silent": True}),
    ("Runtime.addBinding", {"name": WORKER_BINDING}),
)


@dataclass(frozen=True, slots=True)
class Target:
    """A target a page created: its type (``iframe``, ``worker`` ...) and URL."""

    kind: str
    url: str

    @property
    def worker(self) -> str | None:
        """``dedicated worker <script URL>`` (or service / shared) for a worker, else None."""
        label = WORKER_TYPES.get(self.kind)
        return None if label is None else f"{label} {self.url}"


@dataclass(slots=True)
class Watch:
    """When a dedicated worker was attached and when its Network domain answered (seconds)."""

    target: Target
    attached_at: float
    live_at: float | None = None


class NetworkListener(Protocol):
    """Receives the Network events of a page and of every target it created."""

    def on_network_event(
        self, page: Page, method: str, event: dict[str, Any], target: Target | None
    ) -> None:
        """One DevTools Network event seen in ``page`` (``target``: a child, or None)."""

    def on_worker_call(self, page: Page, target: Target, payload: str) -> None:
        """One report of the hooks running in a worker ``page`` created."""


class PageTargets:
    """The DevTools session of one page and, through it, of each target the page creates."""

    def __init__(self, context: BrowserContext, page: Page, listener: NetworkListener) -> None:
        self.context = context
        self.page = page
        self.listener = listener
        self._session: CDPSession | None = None
        self._targets: dict[str, Target] = {}
        self.context_id = ""  # the browser context's DevTools id, once attached
        self._pending: set[asyncio.Task[None]] = set()
        self._ids = 0
        self._watches: dict[str, Watch] = {}  # dedicated workers of the top document
        self._enables: dict[int, str] = {}  # id of each one's Network.enable -> its session

    async def attach(self) -> None:
        """Network events of the page now, and of each child target from its start."""
        with contextlib.suppress(Error):
            session = await self.context.new_cdp_session(self.page)
            self._session = session
            for method in NETWORK_EVENTS:
                session.on(method, self._forward(method))
            session.on("Target.attachedToTarget", self._on_attached)
            session.on("Target.receivedMessageFromTarget", self._on_message)
            await session.send("Network.enable")
            await session.send("Target.setAutoAttach", AUTO_ATTACH)
            info = (await session.send("Target.getTargetInfo")).get("targetInfo", {})
            self.context_id = str(info.get("browserContextId", ""))

    def _forward(self, method: str) -> Any:
        def forward(event: dict[str, Any]) -> None:
            self.listener.on_network_event(self.page, method, event, None)

        return forward

    def _on_attached(self, event: dict[str, Any], parents: tuple[str, ...] = ()) -> None:
        info = event.get("targetInfo", {})
        session_id = str(event.get("sessionId", ""))
        self._targets[session_id] = Target(str(info.get("type", "")), str(info.get("url", "")))
        if not parents and self._targets[session_id].kind == "worker":
            self._watches[session_id] = Watch(self._targets[session_id], time.time())
        path = (*parents, session_id)
        commands: list[tuple[str, Any]] = [("Network.enable", {})]
        if self._targets[session_id].worker is not None:
            commands.extend(WORKER_COMMANDS)
        if self._targets[session_id].kind == "iframe":
            commands.append(("Target.setAutoAttach", AUTO_ATTACH))
        if event.get("waitingForDebugger"):
            commands.append(("Runtime.runIfWaitingForDebugger", {}))
        task = asyncio.ensure_future(self._send_all(path, commands))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _send_all(self, path: tuple[str, ...], commands: list[tuple[str, Any]]) -> None:
        """Send commands to a child (through each parent in ``path``), in order, without
        waiting between them: Playwright's own session may resume a starting worker."""
        sent = [self._send(path, method, params) for method, params in commands]
        await asyncio.gather(*sent, return_exceptions=True)

    async def _send(self, path: tuple[str, ...], method: str, params: Any) -> None:
        self._ids += 1
        if method == "Network.enable" and path[-1] in self._watches:
            self._enables[self._ids] = path[-1]
        message: dict[str, Any] = {"id": self._ids, "method": method, "params": params}
        for session_id in reversed(path[1:]):
            self._ids += 1
            inner = {"sessionId": session_id, "message": json.dumps(message)}
            message = {"id": self._ids, "method": "Target.sendMessageToTarget", "params": inner}
        if self._session is not None:
            outer = {"sessionId": path[0], "message": json.dumps(message)}
            await self._session.send("Target.sendMessageToTarget", outer)

    def _on_message(self, event: dict[str, Any], parents: tuple[str, ...] = ()) -> None:
        session_id = str(event.get("sessionId", ""))
        try:
            message = json.loads(str(event.get("message", "")))
        except ValueError:
            return
        method, params = str(message.get("method", "")), message.get("params", {})
        path = (*parents, session_id)
        if not method and message.get("id") in self._enables:
            self._watches[self._enables.pop(message["id"])].live_at = time.time()
        elif method == "Target.attachedToTarget":
            self._on_attached(params, path)
        elif method == "Target.receivedMessageFromTarget":
            self._on_message(params, path)
        elif method in NETWORK_EVENTS:
            target = self._targets.get(session_id)
            self.listener.on_network_event(self.page, method, params, target)
        elif method == "Runtime.bindingCalled" and params.get("name") == WORKER_BINDING:
            target = self._targets.get(session_id)
            if target is not None:
                self.listener.on_worker_call(self.page, target, str(params.get("payload", "")))

    def unwatched_workers(self, at: float, margin: float) -> tuple[Target, ...]:
        """The top document's dedicated workers that could have sent a request at ``at``
        unseen here: attached by then, and whose Network domain had not answered more than
        ``margin`` seconds before (an answer only bounds when the domain came on)."""
        return tuple(
            w.target
            for w in self._watches.values()
            if w.attached_at <= at and (w.live_at is None or w.live_at > at - margin)
        )


def initiator_url(initiator: dict[str, Any]) -> str:
    """The script that asked for a request (innermost stack frame with a URL), else the
    initiating document's URL."""
    stack = initiator.get("stack")
    while stack:
        for frame in stack.get("callFrames", []):
            if frame.get("url"):
                return str(frame["url"])
        stack = stack.get("parent")
    return str(initiator.get("url", ""))
