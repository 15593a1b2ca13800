"""DevTools sessions on a page and every target it creates (iframes in their own process,
dedicated and service workers), feeding one listener with their Network events.

Playwright routes flat child sessions to its own objects only, so the page's session attaches
to its children in the protocol's non-flat mode: ``Target.setAutoAttach`` with
``waitForDebuggerOnStart``, commands through ``Target.sendMessageToTarget`` and events back through
``Target.receivedMessageFromTarget``. Children of iframes are attached the same way (asking
a dedicated worker to auto-attach stops its Network events in Chromium 156).
Each worker, while it waits, gets the cookie and API hooks (worker_hooks.py) reporting through
a ``Runtime.addBinding`` binding. Chromium 156 crashes the renderer when code evaluated this
way reads the worker's ``location``, so the hooks never do (the worker's URL is known here).
A non-flat session does not hold a starting child (Playwright's own session resumes it at
once), so a second, flat session holds each dedicated or service worker the page starts
until this one has sent it its commands (hold.py): its Network domain and hooks are on
before its first line runs. Only those: a held iframe is not let go by detaching (its
navigation would hang), and a worker of an out-of-process iframe is a child's child, out of
the flat session's reach. A worker's own script is fetched for it, not by it: that request is
not labelled as the worker's.
Shared workers belong to the browser, not to a page: no page session reaches them
(shared_workers.py watches them from a browser-level session).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from typing import Any, Protocol

from playwright.async_api import BrowserContext, CDPSession, Error, Page

from scanner.crawl.devtools.hold import StartHold
from scanner.crawl.devtools.worker_hooks import WORKER_BINDING

NETWORK_EVENTS = (
    "Network.requestWillBeSent",
    "Network.requestWillBeSentExtraInfo",
    "Network.responseReceived",
    "Network.loadingFinished",
    "Network.loadingFailed",
    "Network.webSocketCreated",
    "Network.webSocketHandshakeResponseReceived",
    "Network.webSocketFrameSent",
    "Network.webSocketFrameError",
    "Network.webSocketClosed",
    "Network.webTransportCreated",
)
AUTO_ATTACH = {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False}
WORKER_TYPES = {
    "worker": "dedicated worker",
    "service_worker": "service worker",
    "shared_worker": "shared worker",
}
HELD = ("worker", "service_worker")  # held at their start (hold.py); an iframe is not


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

    def __init__(
        self,
        context: BrowserContext,
        page: Page,
        listener: NetworkListener,
        worker_commands: tuple[tuple[str, Any], ...] = (),
        frame_commands: tuple[tuple[str, Any], ...] = (),
    ) -> None:
        self.context = context
        self.page = page
        self.listener = listener
        self.worker_commands = worker_commands  # the hooks each worker gets at its start
        self.frame_commands = frame_commands  # the visitor's identity (page and its iframes)
        self._session: CDPSession | None = None
        self._hold: StartHold | None = None
        self._targets: dict[str, Target] = {}
        self.context_id = ""  # the browser context's DevTools id, once attached
        self._pending: set[asyncio.Task[None]] = set()
        self._ids = 0

    async def attach(self, hold_workers: bool = True) -> None:
        """Network events of the page now, and of each child target from its start (each
        worker held until it has its commands, with ``hold_workers``)."""
        with contextlib.suppress(Error):
            session = await self.context.new_cdp_session(self.page)
            self._session = session
            for method in NETWORK_EVENTS:
                session.on(method, self._forward(method))
            session.on("Target.attachedToTarget", self._on_attached)
            session.on("Target.receivedMessageFromTarget", self._on_message)
            await session.send("Network.enable")
            for method, params in self.frame_commands:
                await session.send(method, params)
            await session.send("Target.setAutoAttach", AUTO_ATTACH)
            info = (await session.send("Target.getTargetInfo")).get("targetInfo", {})
            self.context_id = str(info.get("browserContextId", ""))
            if not hold_workers:
                return
            hold = StartHold(await self.context.new_cdp_session(self.page))
            await hold.start(filter=[{"type": kind} for kind in HELD])
            self._hold = hold

    def _forward(self, method: str) -> Any:
        def forward(event: dict[str, Any]) -> None:
            self.listener.on_network_event(self.page, method, event, None)

        return forward

    def _on_attached(self, event: dict[str, Any], parents: tuple[str, ...] = ()) -> None:
        info = event.get("targetInfo", {})
        session_id = str(event.get("sessionId", ""))
        target = self._targets[session_id] = Target(
            str(info.get("type", "")), str(info.get("url", ""))
        )
        path = (*parents, session_id)
        commands: list[tuple[str, Any]] = [("Network.enable", {})]
        if target.worker is not None:
            commands.extend(self.worker_commands)
        if target.kind == "iframe":
            commands.extend(self.frame_commands)
            commands.append(("Target.setAutoAttach", AUTO_ATTACH))
        if event.get("waitingForDebugger"):
            commands.append(("Runtime.runIfWaitingForDebugger", {}))
        held = str(info.get("targetId", "")) if not parents and target.kind in HELD else None
        task = asyncio.ensure_future(self._send_all(path, commands, held))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _send_all(
        self, path: tuple[str, ...], commands: list[tuple[str, Any]], held: str | None
    ) -> None:
        """Send commands to a child (through each parent in ``path``), in order, without
        waiting between them, then let the child run if the hold has it (``held``)."""
        try:
            sent = [self._send(path, method, params) for method, params in commands]
            await asyncio.gather(*sent, return_exceptions=True)
        finally:
            if held is not None and self._hold is not None:
                self._hold.ready(held)

    async def _send(self, path: tuple[str, ...], method: str, params: Any) -> None:
        self._ids += 1
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
        if method == "Target.attachedToTarget":
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
