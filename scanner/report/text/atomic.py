"""Writing a report file atomically: a temp file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scanner.errors import CookiescanError


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` via a temp file in the same directory and a rename."""
    try:
        _replace(path, text.encode("utf-8", errors="backslashreplace"))
    except OSError as e:
        raise CookiescanError(f"cannot write report {path}: {e.strerror or e}") from e


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
