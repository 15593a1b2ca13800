"""The visitor probe's readings, kept between runs for the same local browser and options.

What a page, an iframe and a worker read about the visitor depends on the browser binary, the
options that shape the visitor (user agent, locale, viewport, headless, launch arguments) and
the scanner's own set-up (its version and the code that shapes the visitor), not on the site: a
CI job scanning ten sites one process at a time would otherwise probe the same browser ten times
(a context, a page, an iframe and a worker: about 1.3 s of CPU each). The readings are kept in
the cache folder (``$COOKIESCAN_CACHE_DIR`` or ``~/.cache/cookiescan``, ``probe/``) under a key
of all of these, for at most MAX_AGE_S; a changed binary (its size or time), option or scanner
version is a new key. Only complete readings are kept (a page, an iframe and a worker all
answered); a remote browser is never cached (what stands behind an endpoint can change at any
moment); ``cookiescan browser`` always probes afresh. A cache that cannot be read or written
costs a probe, never the scan.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.crawl.options import BrowserOptions
from scanner.knowledge.cache import cache_root

SUBDIR = "probe"
MAX_AGE_S = 24 * 3600.0
PLACES = ("page", "iframe", "worker")
# The scanner's code that shapes what the probe reads (a development checkout changes it
# without changing its version).
SHAPING = (
    ("scanner.crawl.visit", "profile_probe.py"),
    ("scanner.crawl.visit", "profile_probe.js"),
    ("scanner.crawl.browser", "identity.py"),
    ("scanner.crawl.browser", "launch.py"),
    ("scanner.crawl.browser", "guards.py"),
    ("scanner.crawl.browser", "guards.js"),
)


def _code() -> str:
    digest = hashlib.sha256()
    for package, name in SHAPING:
        with contextlib.suppress(OSError):
            digest.update(resources.files(package).joinpath(name).read_bytes())
    return digest.hexdigest()


def cache_key(options: BrowserOptions) -> str | None:
    """The key of ``options``' readings (None: not to be cached, e.g. a remote browser)."""
    if options.endpoint or not options.executable:
        return None
    try:
        binary = Path(options.executable).resolve()
        stat = binary.stat()
    except OSError:
        return None
    facts = {
        "scanner": __version__,
        "code": _code(),
        "binary": [str(binary), stat.st_size, stat.st_mtime_ns],
        "version": options.browser_version,
        "user_agent": options.user_agent,
        "locale": options.locale,
        "viewport": list(options.viewport),
        "headless": options.headless,
        "extra_args": list(options.extra_args),
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:32]


def _path(key: str) -> Path:
    return cache_root() / SUBDIR / f"{key}.json"


def complete(readings: Mapping[str, Any]) -> bool:
    """Whether every place answered the probe (a place that timed out is not kept)."""
    return all(isinstance(readings.get(place), Mapping) for place in PLACES)


def read_cached(key: str) -> dict[str, Any] | None:
    """The readings kept under ``key``, if fresh and complete."""
    path = _path(key)
    try:
        if time.time() - path.stat().st_mtime > MAX_AGE_S:
            return None
        readings = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return readings if isinstance(readings, dict) and complete(readings) else None


def keep(key: str, readings: Mapping[str, Any]) -> None:
    """Keep complete ``readings`` under ``key`` (written whole or not at all)."""
    if not complete(readings):
        return
    path = _path(key)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(readings), "utf-8")
        os.replace(partial, path)
