"""shard.json: what one shard of a portfolio covered, with versions and timings."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.declared.shards import Shard
from scanner.declared.sites import SiteEntry
from scanner.report.text.atomic import write_atomic

MANIFEST = "shard.json"
MANIFEST_VERSION = 1


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class ShardManifest:
    """Written as "running" when a shard starts and rewritten as "done" when it ends, so a
    killed shard leaves a manifest that says so."""

    out: Path
    shard: Shard
    portfolio: tuple[SiteEntry, ...]
    sites: tuple[SiteEntry, ...]
    browser: str = ""
    started_at: str = field(default_factory=_now)
    started: float = field(default_factory=time.monotonic)

    def as_dict(self, status: str, exit_code: int | None) -> dict[str, Any]:
        """The content of shard.json (documented in the README)."""
        return {
            "schema_version": MANIFEST_VERSION,
            "shard": str(self.shard),
            "index": self.shard.index,
            "count": self.shard.count,
            "status": status,
            "exit_code": exit_code,
            "sites": [s.slug for s in self.sites],
            "portfolio_sites": [s.slug for s in self.portfolio],
            "scanner_version": __version__,
            "browser": self.browser,
            "started_at": self.started_at,
            "finished_at": _now() if status != "running" else None,
            "seconds": round(time.monotonic() - self.started, 3),
        }

    def write(self, status: str, exit_code: int | None = None) -> Path:
        """Write ``out/shard.json``."""
        self.out.mkdir(parents=True, exist_ok=True)
        path = self.out / MANIFEST
        text = json.dumps(self.as_dict(status, exit_code), indent=2, sort_keys=True)
        write_atomic(path, text + "\n")
        return path
