"""A local multi-host HTTPS server for the demo site and the browser-test fixture sites."""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import socketserver
import ssl
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import trustme

from scanner.demo.content import Response, SiteContent
from scanner.errors import CookiescanError, ExitCode, ScanError

DEMO_SITE: Final = Path(__file__).resolve().parent / "site"
LOOPBACK: Final = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class ServedRequest:
    """One request the server answered (cookie names only, never values)."""

    host: str
    path: str
    query: str
    method: str
    cookie_names: tuple[str, ...]
    referer: str | None
    status: int
    sec_gpc: bool = False


@dataclass(frozen=True, slots=True)
class Incoming:
    """One request as a site sees it (a subclass of LocalSite may answer it dynamically)."""

    host: str
    path: str
    query: str
    method: str
    cookies: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


class _Server(ThreadingHTTPServer):
    """Threading HTTPS server that is quiet, never resolves names, and can drop open sockets."""

    daemon_threads = True

    def __init__(self, site: LocalSite, port: int) -> None:
        self.site = site
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
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 15

    def setup(self) -> None:
        super().setup()
        self.connection.do_handshake()

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr: the site keeps its own request log."""

    def do_GET(self) -> None:
        self._serve(send_body=True)

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
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        if not any(name.lower() == "cache-control" for name, _ in response.headers):
            self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)


def _host_of(header: str) -> str:
    host = header.strip().lower()
    name, _, port = host.rpartition(":")
    return (name if name and port.isdigit() else host).rstrip(".")


def _cookies(header: str) -> tuple[tuple[str, str], ...]:
    pairs = (part.partition("=") for part in header.split(";"))
    return tuple((name.strip(), value.strip()) for name, _, value in pairs if name.strip())


def _cookie_names(header: str) -> tuple[str, ...]:
    return tuple(name for name, _ in _cookies(header))


class LocalSite:
    """Serves ``root/<host name>/…`` over HTTPS for every host name, on one loopback port.

    Browsers reach it through ``chromium_host_rules`` (``MAP *.test 127.0.0.1:PORT``), so
    URLs carry no port and pages link between hosts as real sites do.
    """

    def __init__(self, root: Path, port: int = 0) -> None:
        self.content = SiteContent(root)
        self.root = self.content.root
        self._wanted_port = port
        self._requests: list[ServedRequest] = []
        self._cond = threading.Condition()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._ca = trustme.CA()

    @property
    def hosts(self) -> tuple[str, ...]:
        """The host names served (one per subdirectory), sorted."""
        return tuple(self.content.dirs)

    @property
    def port(self) -> int:
        """The TCP port on 127.0.0.1 (only once started)."""
        if self._server is None:
            raise RuntimeError("LocalSite is not started")
        return self._server.server_port

    @property
    def resolve_rules(self) -> tuple[str, ...]:
        """``PATTERN=IP:PORT`` rules sending every served name (``*.test``) to this server.

        The port is part of the rule, so pages use plain ``https://host/`` URLs (port 443)
        and one host can refer to another exactly as on the real web.
        """
        tlds = sorted({h.rsplit(".", 1)[-1] for h in self.content.dirs})
        return tuple(f"*.{tld}={LOOPBACK}:{self.port}" for tld in tlds)

    @property
    def chromium_host_rules(self) -> str:
        """The value of Chromium's ``--host-resolver-rules`` for ``resolve_rules``."""
        return ",".join("MAP " + rule.replace("=", " ", 1) for rule in self.resolve_rules)

    @property
    def ca_pem(self) -> Path:
        """A PEM file of the test CA that issued the server certificate (only once started)."""
        if self._tmp is None:
            raise RuntimeError("LocalSite is not started")
        return Path(self._tmp.name) / "ca.pem"

    @property
    def requests(self) -> list[ServedRequest]:
        """A snapshot of every request answered so far, in order."""
        with self._cond:
            return list(self._requests)

    def url(self, host: str, path: str = "/") -> str:
        """The URL of ``path`` on ``host`` (port 443 in the URL; ``resolve_rules`` map it)."""
        return f"https://{host}{path if path.startswith('/') else '/' + path}"

    def client_context(self) -> ssl.SSLContext:
        """A client TLS context that trusts this site's CA."""
        ctx = ssl.create_default_context()
        self._ca.configure_trust(ctx)
        return ctx

    def respond(self, incoming: Incoming) -> Response:
        """The answer to one request: the site's routes and files (override for dynamic sites)."""
        return self.content.respond(incoming.host, incoming.path)

    def clear_requests(self) -> None:
        """Forget the request log."""
        with self._cond:
            self._requests.clear()

    def wait_for_request(
        self, match: Callable[[ServedRequest], bool], timeout: float = 5.0
    ) -> ServedRequest | None:
        """The first logged request that ``match``es, waiting up to ``timeout`` seconds."""
        with self._cond:
            self._cond.wait_for(lambda: any(map(match, self._requests)), timeout)
            return next(filter(match, self._requests), None)

    def record(self, request: ServedRequest) -> None:
        """Add one answered request to the log."""
        with self._cond:
            self._requests.append(request)
            self._cond.notify_all()

    def start(self) -> LocalSite:
        """Bind 127.0.0.1, set up TLS and serve in a background thread."""
        if self._server is not None:
            return self
        server = _Server(self, self._wanted_port)
        try:
            server.server_bind()
            server.server_activate()
        except OSError as e:
            server.server_close()
            raise ScanError(f"cannot listen on {LOOPBACK}:{self._wanted_port}: {e}") from e
        self._tmp = tempfile.TemporaryDirectory(prefix="cookiescan-site-")
        self._ca.cert_pem.write_to_path(str(self.ca_pem))
        server.socket = self._tls().wrap_socket(
            server.socket, server_side=True, do_handshake_on_connect=False
        )
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()
        return self

    def _tls(self) -> ssl.SSLContext:
        domains = {h.split(".", 1)[1] for h in self.content.dirs}
        names = [*self.content.dirs, *(f"*.{d}" for d in sorted(domains)), "localhost", LOOPBACK]
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._ca.issue_cert(*names).configure_cert(ctx)
        return ctx

    def stop(self) -> None:
        """Stop serving, drop open keep-alive connections and close the socket."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.drop_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Serve a site directory until Ctrl-C (``python -m scanner.demo.server [DIR]``)."""
    parser = argparse.ArgumentParser(prog="python -m scanner.demo.server", description=__doc__)
    parser.add_argument("root", nargs="?", type=Path, default=DEMO_SITE, help="site directory")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any)")
    args = parser.parse_args(argv)
    # Ctrl-C stops the server even when SIGINT was inherited as ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        site = LocalSite(args.root, args.port).start()
    except CookiescanError as e:
        print(f"error: {e}", file=sys.stderr)
        return int(e.exit_code)
    try:
        print(f"Serving {site.root} on {LOOPBACK}:{site.port} as:", flush=True)
        for host in site.hosts:
            print(f"  {site.url(host)}", flush=True)
        rules = site.chromium_host_rules
        print(f"Browse with: chromium --host-resolver-rules='{rules}' --ignore-certificate-errors")
        print(f"CA certificate: {site.ca_pem}  (Ctrl-C stops)", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        return int(ExitCode.INTERRUPTED)
    finally:
        site.stop()
    return int(ExitCode.CLEAN)


if __name__ == "__main__":
    sys.exit(main())
