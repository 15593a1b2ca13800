"""Processes that write scans into one reports folder, for the concurrency tests."""

from __future__ import annotations

import multiprocessing.synchronize
from dataclasses import replace
from pathlib import Path

from samples import realistic_scan

from scanner.report import OutputFormat
from scanner.report.folder.history import write_scan

FORMATS = (OutputFormat.JSON, OutputFormat.HTML)
ROUNDS = 10


def write_rounds(root: str, name: str, start: multiprocessing.synchronize.Event) -> None:
    """Write ROUNDS scans of site ``name`` into ``root`` as fast as possible, once ``start``."""
    result = realistic_scan()
    start.wait(30)
    for n in range(ROUNDS):
        started = f"2025-03-0{1 + n % 9}T10:00:00+00:00"
        meta = replace(result.meta, started_at=started, targets=(f"https://{name}.test/",))
        write_scan(replace(result, meta=meta), Path(root), FORMATS)


def write_one(root: str) -> None:
    """Write one scan into ``root``."""
    write_scan(realistic_scan(), Path(root), FORMATS)
