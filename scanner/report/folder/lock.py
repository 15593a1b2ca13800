"""An exclusive lock on a reports folder: concurrent scans update latest/ and the index in turn."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: writes stay atomic, just unserialised
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".cookiescan.lock"


@contextlib.contextmanager
def folder_lock(root: Path) -> Iterator[None]:
    """Hold ``root/.cookiescan.lock`` exclusively (``flock``; released if the process dies)."""
    fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
