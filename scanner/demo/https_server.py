"""The quiet loopback HTTPS server and request handler that answer for a site (a LocalSite)."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Final, Protocol
from urllib.parse import unquote, urlsplit

from scanner.demo.content import Response
from scanner.demo.site_requests import Incoming, ServedRequest
from scanner.demo.websocket import accept_key, drain, text_frame

LOOPBACK: Final = "127.0.0.1"
STREAM_S: Final = 600.0  # the longest an endless stream runs (a client that never leaves)


class Site(Protocol):
    """What the server answers for (a ``LocalSite``): a response per request, and a log."""

    def respond(self, incoming: Incoming) -> Response:
        """The answer to one request."""
        ...

    def record(self, request: ServedRequest) -> None:
        """Add one answered request to the log."""
        ...


class SiteServer(ThreadingHTTPServer):
    """Threading HTTPS server that is quiet, never resolves names, and can drop open sockets."""

    daemon_threads = True

    def __init__(self, site: Site, port: int) -> None:
        self.site = site
        self.stopping = threading.Event()  # ends endless streams (see _Handler._stream)
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__((LOOPBACK, port), _Handler, bind_and_activate=False)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # skip HTTPServer's getfqdn() lookup
        self.server_name, self.server_port = "localhost", self.server_address[1]

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Broken connections and failed handshakes are normal here; stay quiet."""

    def drop_connections(self) -> None:
        """End idle keep-alive connections so their handler threads finish now."""
        with self._lock:
            connections = list(self._open)
        for conn in connections:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(conn, socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"
    timeout = 15

    def setup(self) -> None:
        super().setup()
        self.connection.do_handshake()

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr: the site keeps its own request log."""

    def do_GET(self) -> None:
        if self.headers.get("Upgrade", "").lower() == "websocket":
            self._websocket()
            return
        self._serve(send_body=True)

    def _websocket(self) -> None:
        """Any path answers a WebSocket upgrade: greet, then drop what the client sends."""
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept_key(self.headers["Sec-WebSocket-Key"]))
        self.end_headers()
        self.wfile.write(text_frame('{"type":"welcome"}'))
        self.wfile.flush()
        url = urlsplit(self.path)
        host = _host_of(self.headers.get("Host", ""))
        self.server.site.record(
            ServedRequest(host, url.path or "/", url.query, "WEBSOCKET", (), None, 101, False)
        )
        with contextlib.suppress(OSError):
            drain(self.rfile, self.wfile)  # type: ignore[arg-type]
        self.close_connection = True

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._serve(send_body=True, body=body)

    def _serve(self, send_body: bool, body: bytes = b"") -> None:
        host = _host_of(self.headers.get("Host", ""))
        url = urlsplit(self.path)
        incoming = Incoming(
            host, unquote(url.path) or "/", url.query, self.command,
            _cookies(self.headers.get("Cookie", "")), body,
        )  # fmt: skip
        response = self.server.site.respond(incoming)
        if response.delay_ms:
            time.sleep(response.delay_ms / 1000)
        self.server.site.record(
            ServedRequest(
                host=host,
                path=url.path or "/",
                query=url.query,
                method=self.command,
                cookie_names=_cookie_names(self.headers.get("Cookie", "")),
                referer=self.headers.get("Referer"),
                status=response.status,
                sec_gpc=self.headers.get("Sec-GPC", "").strip() == "1",
            )
        )
        self._send(response, send_body)

    def _send(self, response: Response, send_body: bool) -> None:
        if response.repeat_ms and send_body:
            self._stream(response)
            return
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        if not any(name.lower() == "cache-control" for name, _ in response.headers):
            self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def _stream(self, response: Response) -> None:
        """An endless response (server-sent events): the body again every ``repeat_ms``
        until the client goes away or the server stops (at most STREAM_S)."""
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        end = time.monotonic() + STREAM_S
        with contextlib.suppress(OSError):
            while time.monotonic() < end:
                self.wfile.write(response.body)
                self.wfile.flush()
                if self.server.stopping.wait(response.repeat_ms / 1000):
                    return


def _host_of(header: str) -> str:
    host = header.strip().lower()
    name, _, port = host.rpartition(":")
    return (name if name and port.isdigit() else host).rstrip(".")


def _cookies(header: str) -> tuple[tuple[str, str], ...]:
    pairs = (part.partition("=") for part in header.split(";"))
    return tuple((name.strip(), value.strip()) for name, _, value in pairs if name.strip())


def _cookie_names(header: str) -> tuple[str, ...]:
    return tuple(name for name, _ in _cookies(header))
