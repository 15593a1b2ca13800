"""What a local site answers for a host and path: a route, a file, 404 or 421 (no sockets)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scanner.demo.files import content_type, resolve_file
from scanner.demo.routes import ROUTES_FILE, Route, load_routes
from scanner.errors import ConfigError

_HOST_NAME = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


@dataclass(frozen=True, slots=True)
class Response:
    """A response ready to send, after ``delay_ms`` milliseconds."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    delay_ms: int = 0
    repeat_ms: int = 0  # > 0: send ``body`` again every repeat_ms until the client goes away


def text_response(status: int, message: str) -> Response:
    """A plain-text response."""
    return Response(status, (("Content-Type", "text/plain; charset=utf-8"),), message.encode())


def _from_route(route: Route, file: Path | None) -> Response:
    headers = route.rendered_headers()
    if route.redirect is not None:
        headers.append(("Location", route.redirect))
    body = route.body if route.body is not None else file.read_bytes() if file else b""
    kind = route.content_type or (content_type(file) if file and route.body is None else None)
    if kind and not any(name.lower() == "content-type" for name, _ in headers):
        headers.append(("Content-Type", kind))
    return Response(route.status or 200, tuple(headers), body, route.delay_ms, route.repeat_ms)


class SiteContent:
    """The host directories of a site directory and their validated routes."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise ConfigError("site directory not found", str(self.root))
        self.dirs = {
            d.name.lower(): d
            for d in sorted(self.root.iterdir())
            if d.is_dir() and _HOST_NAME.match(d.name.lower())
        }
        if not self.dirs:
            raise ConfigError("no host directories (such as www.example.test/)", str(self.root))
        self.routes = {h: load_routes(d / ROUTES_FILE) for h, d in self.dirs.items()}

    def respond(self, host: str, path: str) -> Response:
        """The response for ``path`` on ``host``: a route, a file, 404 or 421."""
        host_dir = self.dirs.get(host)
        if host_dir is None:
            return text_response(421, f"Misdirected Request: {host!r} is not served here")
        route, file = self.routes[host].get(path), resolve_file(host_dir, path)
        if route is not None:
            return _from_route(route, file)
        if file is None:
            return text_response(404, "Not Found")
        return Response(200, (("Content-Type", content_type(file)),), file.read_bytes())
