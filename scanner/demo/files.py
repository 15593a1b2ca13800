"""Static files of one host directory: safe path resolution and content types."""

from __future__ import annotations

import mimetypes
from pathlib import Path

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".gif": "image/gif",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"


def content_type(path: Path) -> str:
    """The Content-Type header for a file, by its extension."""
    known = _CONTENT_TYPES.get(path.suffix.lower())
    return known or mimetypes.guess_type(path.name)[0] or DEFAULT_CONTENT_TYPE


def resolve_file(host_dir: Path, url_path: str) -> Path | None:
    """The file serving ``url_path``: ``/`` → index.html, ``/x`` → x, x.html or x/index.html.

    Hidden names (``.x``, ``_x`` such as ``_routes.yaml``), ``..`` and anything that
    resolves outside ``host_dir`` are never served.
    """
    parts = [p for p in url_path.split("/") if p]
    if any(p.startswith((".", "_")) or "\\" in p or "\0" in p for p in parts):
        return None
    base = host_dir.joinpath(*parts)
    if url_path.endswith("/") or not parts:
        candidates = [base / "index.html"]
    else:
        candidates = [base, base.with_name(base.name + ".html"), base / "index.html"]
    root = host_dir.resolve()
    for candidate in candidates:
        if candidate.is_file() and candidate.resolve().is_relative_to(root):
            return candidate
    return None
