"""The collectors' hooks as run inside workers, and the reports they send back.

Playwright's bindings reach frames only, so a worker gets a shim (worker.js) that turns each
page binding a collector declares into a forwarder to one DevTools binding, then each
collector's hooks; every report comes back as ``[kind, ...args]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

WORKER_BINDING = "__cookiescan_worker"
_SHIM = resources.files("scanner.crawl.devtools").joinpath("worker.js").read_text("utf-8")
_MAX_PAYLOAD = 8000


@dataclass(frozen=True, slots=True)
class WorkerBinding:
    """A page binding a collector's hooks call (``global``), reported as ``kind`` with
    ``arity`` arguments, the href second to last."""

    global_name: str
    kind: str
    arity: int


@dataclass(frozen=True, slots=True)
class WorkerReport:
    """One report of a worker's hooks: its kind and arguments, the worker's URL as href."""

    kind: str
    args: tuple[object, ...]


def worker_script(bindings: Iterable[WorkerBinding], hooks: Iterable[str]) -> str:
    """What a worker evaluates at its start: the forwarding shim, then every hook script."""
    pairs = json.dumps([[b.global_name, b.kind] for b in bindings])
    call = f"{_SHIM.strip()}({json.dumps(WORKER_BINDING)}, {pairs});"
    return "\n".join((call, *hooks))


def worker_commands(script: str) -> tuple[tuple[str, Any], ...]:
    """The DevTools commands that install ``script`` and the binding in a starting worker."""
    return (
        ("Runtime.evaluate", {"expression": script, "silent": True}),
        ("Runtime.addBinding", {"name": WORKER_BINDING}),
    )


def worker_report(payload: str, worker_url: str, arity: Mapping[str, int]) -> WorkerReport | None:
    """Validate a binding payload (the worker controls it) into a report of a known kind with
    its number of arguments (``arity``)."""
    try:
        parsed = json.loads(payload[:_MAX_PAYLOAD])
    except (ValueError, RecursionError):
        return None
    if not isinstance(parsed, list) or not parsed or arity.get(str(parsed[0])) != len(parsed) - 1:
        return None
    kind, *args = parsed
    args[-2] = worker_url  # the href: a worker's own location is not read by the hooks
    return WorkerReport(str(kind), tuple(args))
