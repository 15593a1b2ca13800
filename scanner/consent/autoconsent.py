"""Drive the pinned @duckduckgo/autoconsent (installed, or the shipped copy) in a page."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from playwright.async_api import Error, Frame, Page

from scanner.consent.cmp import Attempt
from scanner.knowledge.cache import cache_root
from scanner.model import ConsentState

ENV = "COOKIESCAN_AUTOCONSENT"
NPM_NAME = "@duckduckgo/autoconsent"
VERSION = "16.23.0"  # the pinned release `cookiescan setup` and `make autoconsent` install
CACHE_SUBDIR = "autoconsent"  # npm prefix inside the user's cache (~/.cache/cookiescan)
PACKAGE = Path("node_modules") / "@duckduckgo" / "autoconsent"
OFF_WORDS = ("off", "0", "no", "false")
SCRIPT = Path("dist") / "autoconsent.playwright.js"
RULES = Path("rules") / "rules.json"
BINDING = "autoconsentSendMessage"
SHIPPED = Path(__file__).resolve().parent / "vendor" / "autoconsent"  # MPL-2.0, unchanged
CONFIG = {
    "enabled": True,
    "disabledCmps": [],
    "enablePrehide": False,
    "enableCosmeticRules": False,  # hiding a banner is not a choice
    "enableGeneratedRules": True,
    "enableHeuristicDetection": False,  # the engine has its own heuristic, run last
    "enablePopupMutationObserver": False,
    "detectRetries": 10,
    "isMainWorld": False,
    "prehideTimeout": 2000,
    "visualTest": False,
    "logs": dict.fromkeys(
        ("lifecycle", "rulesteps", "detectionsteps", "evals", "errors", "messages", "waits"), False
    ),
}


@dataclass(frozen=True, slots=True)
class AutoconsentBundle:
    """The content script and rule list of one autoconsent, its version and where it is from
    (``shipped``: the copy inside cookiescan; ``installed``: an npm install)."""

    path: str
    script: str
    rules: tuple[dict[str, Any], ...]
    version: str = ""
    source: str = "installed"
    # The rules as JSON, made once: every frame's instance asks for all of them (about 700 kB),
    # and handing Playwright a string instead of the parsed rules saves it serialising and
    # validating 800 rules' objects for every frame (seconds of CPU in a --sites run).
    rules_json: str = field(default="", repr=False, compare=False)

    def init_message(self, config: dict[str, Any]) -> str:
        """The ``initResp`` message, as JSON, with ``config`` and every rule."""
        rules = self.rules_json or json.dumps(list(self.rules))
        head = json.dumps({"type": "initResp", "config": config})[:-1]
        return f'{head}, "rules": {{"autoconsent": {rules}}}}}'


def cache_prefix() -> Path:
    """The npm prefix for autoconsent in the user's cache (``$COOKIESCAN_CACHE_DIR`` honoured)."""
    return cache_root() / CACHE_SUBDIR


def _candidates() -> list[Path]:
    repo = Path(__file__).resolve().parents[2]
    local = [base / ".cookiescan" / PACKAGE for base in (repo, Path.cwd())]
    return [*local, cache_prefix() / PACKAGE]


def find_autoconsent() -> Path | None:
    """The package: ``$COOKIESCAN_AUTOCONSENT`` ('off' disables), ``.cookiescan/``, the cache,
    then the copy shipped inside cookiescan (so pip users without npm have it too)."""
    explicit = os.environ.get(ENV, "")
    if explicit.lower() in OFF_WORDS:
        return None
    candidates = [Path(explicit)] if explicit else [*_candidates(), SHIPPED]
    return next((p for p in candidates if (p / SCRIPT).is_file() and (p / RULES).is_file()), None)


@lru_cache(maxsize=2)
def load_bundle(path: Path) -> AutoconsentBundle:
    """Read the content script, rules and version of the package at ``path``."""
    rules = json.loads((path / RULES).read_text("utf-8"))["autoconsent"]
    try:
        version = str(json.loads((path / "package.json").read_text("utf-8")).get("version", ""))
    except (OSError, ValueError, AttributeError):
        version = ""
    source = "shipped" if path.resolve() == SHIPPED else "installed"
    script = (path / SCRIPT).read_text("utf-8")
    return AutoconsentBundle(str(path), script, tuple(rules), version, source, json.dumps(rules))


@dataclass(slots=True)
class _Run:
    bundle: AutoconsentBundle
    action: str | None
    cmp: str | None = None
    result: bool | None = None
    self_test: bool | None = None
    error: str = ""
    found: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    # Detection passes finished by each frame's instance (from its "report" messages).
    passes: dict[str, int] = field(default_factory=dict)
    started: int | None = None  # frames running autoconsent, once all have been started
    nothing: asyncio.Event = field(default_factory=asyncio.Event)

    def report(self, instance: str, attempts: int) -> None:
        """An instance started detection pass ``attempts``: the ones before it found nothing
        (a find sends ``cmpDetected`` before the next pass)."""
        self.passes[instance] = max(self.passes.get(instance, 0), attempts - 1)
        self.check()

    def check(self) -> None:
        """Set ``nothing`` once every frame's instance finished a whole pass with no CMP."""
        if self.started is None or self.cmp is not None or len(self.passes) < self.started:
            return
        if self.passes and min(self.passes.values()) >= 1:
            self.nothing.set()


_RUNS: dict[Page, _Run] = {}


async def _reply(frame: Frame, message: dict[str, Any] | str) -> None:
    """Hand ``message`` to the frame's instance (a ``str`` is JSON, parsed in the page)."""
    with contextlib.suppress(Error):
        if isinstance(message, str):
            await frame.evaluate("t => window.autoconsentReceiveMessage(JSON.parse(t))", message)
        else:
            await frame.evaluate("m => window.autoconsentReceiveMessage(m)", message)


async def _on_message(source: dict[str, Any], msg: dict[str, Any]) -> None:
    run, frame = _RUNS.get(source.get("page")), source.get("frame")  # type: ignore[arg-type]
    if run is None or not isinstance(frame, Frame) or not isinstance(msg, dict):
        return
    kind = msg.get("type")
    if kind == "init":
        await _reply(frame, run.bundle.init_message({**CONFIG, "autoAction": run.action}))
    elif kind == "eval":
        try:
            result = await frame.evaluate(str(msg.get("code", "")))
        except Error:
            result = False
        await _reply(frame, {"type": "evalResp", "id": msg.get("id"), "result": result})
    elif kind == "report" and isinstance(msg.get("state"), dict):
        attempts = msg["state"].get("findCmpAttempts")
        if isinstance(attempts, int):
            run.report(str(msg.get("instanceId", "")), attempts)
    elif kind in ("popupFound", "cmpDetected"):
        run.cmp = str(msg.get("cmp", ""))[:80] or run.cmp
        if kind == "popupFound":
            run.found.set()
    elif kind in ("optInResult", "optOutResult"):
        run.result = bool(msg.get("result"))
        if not run.result:
            run.done.set()
    elif kind == "selfTestResult":
        run.self_test = bool(msg.get("result"))
    elif kind == "autoconsentDone":
        run.done.set()
    elif kind == "autoconsentError":
        run.error = "autoconsent reported an error"
        run.done.set()


async def _start(page: Page, run: _Run) -> None:
    _RUNS[page] = run
    with contextlib.suppress(Error):  # exposed by an earlier run on this page
        await page.expose_binding(BINDING, _on_message)
    started = 0
    for frame in page.frames:
        try:
            await frame.evaluate(run.bundle.script)
        except Error:
            continue
        started += 1
    run.started = started
    run.check()


async def _first(found: asyncio.Event, nothing: asyncio.Event | None, seconds: float) -> bool:
    """Wait for ``found`` (True) or ``nothing`` (False), at most ``seconds``."""
    if nothing is None:
        return await _wait(found, seconds)
    waits = [asyncio.ensure_future(found.wait()), asyncio.ensure_future(nothing.wait())]
    try:
        await asyncio.wait(waits, timeout=max(seconds, 0.1), return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiting in waits:
            waiting.cancel()
    return found.is_set()


async def _wait(event: asyncio.Event, seconds: float) -> bool:
    try:
        await asyncio.wait_for(event.wait(), max(seconds, 0.1))
    except TimeoutError:
        return False
    return True


async def run_autoconsent(
    page: Page,
    bundle: AutoconsentBundle,
    state: ConsentState | None,
    find_s: float,
    act_s: float,
    settled: bool = False,
) -> tuple[str | None, Attempt]:
    """Let autoconsent find a popup (``find_s``) and opt in/out for ``state`` (``act_s``).

    On a ``settled`` page (loaded, network quiet, DOM stable: whatever banner there is, is
    there), the search ends as soon as every frame has checked every rule once and found none.
    """
    action = None if state is None else "optIn" if state is ConsentState.ACCEPT else "optOut"
    run = _Run(bundle, action)
    await _start(page, run)
    try:
        if not await _first(run.found, run.nothing if settled else None, find_s):
            how = "after every frame checked every rule once" if run.nothing.is_set() else ""
            detail = " ".join(filter(None, ("autoconsent found no consent popup", how)))
            return run.cmp, Attempt(False, detail=detail)
        acted_at = time.time()
        if action is None:
            return run.cmp, Attempt(False, detail="detection only")
        await _wait(run.done, act_s)
        step = f"autoconsent {action} ({run.cmp})"
        if run.result:
            return run.cmp, Attempt(True, (step,), "", None, acted_at)
        return run.cmp, Attempt(False, (step,), run.error or f"autoconsent {action} failed")
    finally:
        _RUNS.pop(page, None)
