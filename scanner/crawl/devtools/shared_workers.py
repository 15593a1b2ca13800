"""Shared workers: found through a browser-level DevTools session (no page session reaches
them) and attached to one by one, so their requests and the reports of the hooks
(worker_hooks.py, evaluated on attach) are seen.

Browser-level auto-attach works only in the protocol's flat mode, whose child sessions
Playwright keeps to itself; so the browser session discovers shared workers
(``Target.setDiscoverTargets``) and attaches to each in non-flat mode, while a second, flat
one holds each new shared worker until the first has sent it its commands (hold.py): its
first requests are seen. A request sent before its Network domain is on anyway (a worker the
hold let go after HOLD_S) is seen by its response (``Network.responseReceived``), which is
kept too. Attaching is bounded (at most MAX_WORKERS watched at once, for a page spawning
many) and every failure is swallowed: a worker that ends or crashes costs nothing but its
own records. Chromium 156 shows no ``Set-Cookie`` header of a shared worker's answers to
DevTools, even to a session attached before the worker started: ``Network.responseReceived``
leaves it out and says ``hasExtraInfo: false``, no ``responseReceivedExtraInfo`` comes, and
``Fetch.enable`` (request or response stage) is accepted but pauses nothing. A cookie such an
answer sets is therefore recorded without its setter; cookie_join.py says why.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import BrowserContext, CDPSession, Error

from scanner.crawl.devtools.hold import StartHold
from scanner.crawl.devtools.targets import Target, initiator_url
from scanner.crawl.devtools.worker_hooks import WORKER_BINDING

MAX_WORKERS = 32
SHARED_WORKER = "shared worker"
_DISCOVER = {"discover": True, "filter": [{"type": "shared_worker"}]}


@dataclass(slots=True)
class WorkerRequest:
    """One request of a shared worker, as DevTools saw it, completed as it is answered."""

    url: str
    method: str
    kind: str
    at: float
    worker: str
    initiator: str | None
    status: int | None = None
    failure: str | None = None


OnRequest = Callable[[WorkerRequest], None]
OnCall = Callable[[Target, str], None]


class SharedWorkers:
    """Watches one state's browser for shared workers and reports what they send."""

    def __init__(
        self,
        on_request: OnRequest,
        on_call: OnCall,
        worker_commands: tuple[tuple[str, Any], ...] = (),
    ) -> None:
        self.on_request = on_request
        self.on_call = on_call
        self.worker_commands = worker_commands  # the hooks each worker gets at its start
        self.context_id = ""  # the watched context's DevTools id, once a page tells it
        self._session: CDPSession | None = None
        self._hold: StartHold | None = None
        self._workers: dict[str, Target] = {}
        self._requests: dict[tuple[str, str], WorkerRequest] = {}
        self._ids = 0
        self._attaching = 0

    async def attach(self, context: BrowserContext) -> None:
        """Discover the shared workers of ``context``'s browser from now on."""
        browser = context.browser
        if browser is None:
            return
        with contextlib.suppress(Error):
            session = await browser.new_browser_cdp_session()
            self._session = session
            session.on("Target.targetCreated", self._on_created)
            session.on("Target.receivedMessageFromTarget", self._on_message)
            session.on("Target.detachedFromTarget", self._on_detached)
            await session.send("Target.setDiscoverTargets", _DISCOVER)
            hold = StartHold(await browser.new_browser_cdp_session())
            await hold.start(filter=_DISCOVER["filter"])
            self._hold = hold

    async def _on_created(self, event: dict[str, Any]) -> None:
        info = event.get("targetInfo", {})
        try:
            await self._watch(info)
        finally:  # watched, another context's, one too many or failed: let it run
            if self._hold is not None and info.get("type") == "shared_worker":
                self._hold.ready(str(info.get("targetId", "")))

    async def _watch(self, info: dict[str, Any]) -> None:
        if info.get("type") != "shared_worker" or self._session is None:
            return
        if not self.context_id or info.get("browserContextId") != self.context_id:
            # Another context of the same browser (another state of the run, pytest's), or
            # one not known yet: a state's first tab tells its id before it loads anything.
            return
        if self._attaching + len(self._workers) >= MAX_WORKERS:  # a page spawning many
            return
        self._attaching += 1
        try:
            params = {"targetId": info.get("targetId", ""), "flatten": False}
            attached = await self._session.send("Target.attachToTarget", params)
            session_id = str(attached.get("sessionId", ""))
            self._workers[session_id] = Target("shared_worker", str(info.get("url", "")))
        except Error:
            return
        finally:
            self._attaching -= 1
        await asyncio.gather(
            *(
                self._send(session_id, m, p)
                for m, p in (*self.worker_commands, ("Network.enable", {}))
            ),
            return_exceptions=True,
        )

    async def _send(self, session_id: str, method: str, params: Any) -> None:
        if self._session is not None:
            self._ids += 1
            message = json.dumps({"id": self._ids, "method": method, "params": params})
            inner = {"sessionId": session_id, "message": message}
            await self._session.send("Target.sendMessageToTarget", inner)

    def _on_detached(self, event: dict[str, Any]) -> None:
        """A worker ended: forget it (and its requests, already handed over)."""
        session_id = str(event.get("sessionId", ""))
        self._workers.pop(session_id, None)
        for key in [k for k in self._requests if k[0] == session_id]:
            del self._requests[key]

    def _on_message(self, event: dict[str, Any]) -> None:
        target = self._workers.get(session_id := str(event.get("sessionId", "")))
        try:
            message = json.loads(str(event.get("message", "")))
        except ValueError:
            return
        if target is None or not isinstance(message, dict):
            return
        params = message.get("params") or {}
        worker = f"{SHARED_WORKER} {target.url}"
        key = (session_id, str(params.get("requestId", "")))
        method = message.get("method")
        if _own_script(target, params):
            return  # the worker's script, fetched for it (now seen: the worker is held)
        if method == "Network.requestWillBeSent":
            self._request(key, worker, params)
        elif method == "Network.responseReceived":
            self._response(key, worker, params)
        elif method == "Network.loadingFailed" and key in self._requests:
            self._requests[key].failure = str(params.get("errorText", "failed"))
        elif method == "Runtime.bindingCalled" and params.get("name") == WORKER_BINDING:
            self.on_call(target, str(params.get("payload", "")))

    def _request(self, key: tuple[str, str], worker: str, params: dict[str, Any]) -> None:
        request = params.get("request") or {}
        url = str(request.get("url", ""))
        if key in self._requests or not url.startswith(("http://", "https://")):
            return
        initiator = initiator_url(params.get("initiator") or {}) or worker.split(" ", 2)[-1]
        found = WorkerRequest(
            url, str(request.get("method", "GET")), str(params.get("type", "")), time.time(),
            worker, initiator,
        )  # fmt: skip
        self._requests[key] = found
        self.on_request(found)

    def _response(self, key: tuple[str, str], worker: str, params: dict[str, Any]) -> None:
        response = params.get("response") or {}
        if key not in self._requests:  # sent before the worker was watched: seen by its answer
            url = str(response.get("url", ""))
            self._request(key, worker, {"request": {"url": url}, "type": params.get("type")})
        if key in self._requests:
            self._requests[key].status = int(response.get("status", 0)) or None


def _own_script(target: Target, params: dict[str, Any]) -> bool:
    """Whether a Network event is about the worker's own script."""
    request = params.get("request") or params.get("response") or {}
    return bool(request.get("url")) and request.get("url") == target.url
