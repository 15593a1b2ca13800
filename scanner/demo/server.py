"""A local multi-host HTTPS server for the demo site and the browser-test fixture sites."""

from __future__ import annotations

import argparse
import signal
import ssl
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Final

import trustme

from scanner.demo.content import Response, SiteContent
from scanner.demo.https_server import LOOPBACK, SiteServer
from scanner.demo.site_requests import Incoming, ServedRequest
from scanner.errors import CookiescanError, ExitCode, ScanError

__all__ = ["DEMO_SITE", "LOOPBACK", "Incoming", "LocalSite", "ServedRequest", "main"]

DEMO_SITE: Final = Path(__file__).resolve().parent / "site"


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
        self._server: SiteServer | None = None
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
        server = SiteServer(self, self._wanted_port)
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
        server.stopping.set()
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
