"""The cookie-write and API hooks as run inside workers, and the reports they send back."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from scanner.crawl.apicalls import API_SCRIPT
from scanner.crawl.collectors.storage.collector import HOOKS_SCRIPT as STORAGE_HOOKS

_FILES = resources.files("scanner.crawl")
HOOK_SCRIPT = _FILES.joinpath("hooks.js").read_text(encoding="utf-8")
WORKER_BINDING = "__cookiescan_worker"
WORKER_SCRIPT = "\n".join(
    (
        _FILES.joinpath("worker.js").read_text(encoding="utf-8"),
        HOOK_SCRIPT,
        API_SCRIPT,
        STORAGE_HOOKS,
    )
)
_ARGS = {"cookie": 4, "api": 5, "storage": 5}
_MAX_PAYLOAD = 8000


@dataclass(frozen=True, slots=True)
class WorkerReport:
    """One report of a worker's hooks: ``cookie`` (line, caller, href, at), ``api``
    (api, caller, detail, href, at) or ``storage`` (kind, key, caller, href, at), with the
    worker's URL as the href."""

    kind: str
    args: tuple[object, ...]


def worker_report(payload: str, worker_url: str) -> WorkerReport | None:
    """Validate a binding payload (the worker controls it) into a report."""
    try:
        parsed = json.loads(payload[:_MAX_PAYLOAD])
    except ValueError:
        return None
    if not isinstance(parsed, list) or not parsed or _ARGS.get(str(parsed[0])) != len(parsed) - 1:
        return None
    kind, *args = parsed
    args[-2] = worker_url  # the href: a worker's own location is not read by the hooks
    return WorkerReport(str(kind), tuple(args))
