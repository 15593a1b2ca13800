"""A state's network log (HAR) made fit to leave the scan: cookie and secret values digested.

Playwright writes the HAR when the context closes (``record_har_path``, bodies omitted).
``seal_har`` then rewrites it in place: every cookie value (request and response cookies,
``Cookie`` and ``Set-Cookie`` headers), every credential header (``Authorization`` and the
like) and request bodies are replaced by the scan's keyed digest, and any other place a
collected value shows up (a visitor id in a URL's query, a redirect) gets the same digest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from scanner.model.digest import keyed_digest, replace_secrets, searched_secrets

SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "x-api-key",
        "x-auth-token",
        "x-csrf-token",
        "x-xsrf-token",
    }
)
# Values shorter than this are not searched for elsewhere in the log (too many false hits).
Digest = Callable[[str], str]
RAW_SUFFIX = ".raw.har"  # what Playwright writes; never leaves the temporary folder


def har_options(path: str | None) -> dict[str, Any]:
    """The context arguments that record a HAR at ``path`` without bodies (none: no HAR)."""
    if not path:
        return {}
    return {"record_har_path": path, "record_har_content": "omit", "record_har_mode": "full"}


def seal_har(raw: Path, key: bytes, jar_values: Iterable[str] = ()) -> Path:
    """Write ``raw`` (``<name>.raw.har``) as ``<name>.har`` with every cookie and secret value
    digested, and remove ``raw``; a log that cannot be read is removed, not kept raw."""
    path = raw.with_name(raw.name.removesuffix(RAW_SUFFIX) + ".har")
    try:
        data = json.loads(raw.read_text("utf-8"))
    except (OSError, ValueError):
        raw.unlink(missing_ok=True)
        return path
    raw.unlink()
    digest: Digest = lambda value: "digest:" + keyed_digest(key, value)  # noqa: E731
    secrets = set(jar_values)
    for entry in data.get("log", {}).get("entries", []):
        secrets |= _seal_entry(entry, digest)
    searched = searched_secrets(secrets)
    sealed = _replace_everywhere(data, searched, digest)
    path.write_text(json.dumps(sealed, indent=1, ensure_ascii=False), "utf-8")
    return path


def _seal_entry(entry: dict[str, Any], digest: Digest) -> set[str]:
    """Digest one request/response pair's cookies, secret headers and body; the raw values."""
    found: set[str] = set()
    for side in ("request", "response"):
        part = entry.get(side) or {}
        for cookie in part.get("cookies") or []:
            found.add(str(cookie.get("value", "")))
            cookie["value"] = digest(str(cookie.get("value", "")))
        for header in part.get("headers") or []:
            found |= _seal_header(header, digest)
    post = (entry.get("request") or {}).get("postData")
    if isinstance(post, dict):
        body = str(post.get("text", ""))
        post["text"] = digest(body) if body else ""
        post["params"] = [{"name": p.get("name", ""), "value": ""} for p in post.get("params", [])]
        post["comment"] = "body omitted by cookiescan (its digest shown)"
    return found


def _seal_header(header: dict[str, Any], digest: Digest) -> set[str]:
    name = str(header.get("name", "")).lower()
    value = str(header.get("value", ""))
    if name == "cookie":
        pairs = [p.strip().partition("=") for p in value.split(";") if p.strip()]
        header["value"] = "; ".join(f"{n}={digest(v)}" for n, _, v in pairs)
        return {v for _, _, v in pairs} | {value}
    if name == "set-cookie":
        sealed, raw = [], set()
        for line in value.split("\n"):  # Playwright joins several Set-Cookie headers by \n
            first, sep, attributes = line.partition(";")
            cookie_name, _, cookie_value = first.partition("=")
            raw.add(cookie_value.strip())
            sealed.append(f"{cookie_name}={digest(cookie_value.strip())}{sep}{attributes}")
        header["value"] = "\n".join(sealed)
        return raw | {value}
    if name in SECRET_HEADERS:
        header["value"] = digest(value)
        _scheme, _, token = value.partition(" ")
        return {value, token} if token else {value}
    return set()


def _replace_everywhere(node: Any, secrets: list[str], digest: Digest) -> Any:
    """``node`` with every occurrence of a secret (raw or URL-encoded) in any string digested."""
    if isinstance(node, dict):
        return {k: _replace_everywhere(v, secrets, digest) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_everywhere(v, secrets, digest) for v in node]
    if isinstance(node, str) and secrets:
        return replace_secrets(node, secrets, digest)
    return node
