"""Staging scans: --http-credentials (basic auth from an env var), --header, --user-agent."""

from __future__ import annotations

import base64
import json
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme

from scanner import cli
from scanner.errors import ConfigError
from scanner.settings.parse import parse_header, parse_http_credentials

STAGING = "staging.shop.test"
WIDGETS = "widgets.other.test"
SECRET = "s3cret-Pa55word"
GOOD = "Basic " + base64.b64encode(f"qa:{SECRET}".encode()).decode()


def test_credentials_come_from_the_named_variable_for_the_first_origin() -> None:
    env = {"STAGING_AUTH": f"qa:{SECRET}:with-colon"}
    creds = parse_http_credentials("STAGING_AUTH", env, "https://staging.example:8443/shop")
    assert (creds.username, creds.password) == ("qa", f"{SECRET}:with-colon")
    assert (creds.origin, creds.source) == ("https://staging.example:8443", "STAGING_AUTH")
    assert SECRET not in repr(creds)


@pytest.mark.parametrize(
    ("variable", "env", "message"),
    [
        ("qa:secret", {}, "the NAME of an environment variable"),
        ("STAGING_AUTH", {}, "STAGING_AUTH must be set to USER:PASSWORD"),
        ("STAGING_AUTH", {"STAGING_AUTH": "no-colon-secret"}, "must be set to USER:PASSWORD"),
    ],
)
def test_bad_credentials_never_echo_the_secret(
    variable: str, env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_http_credentials(variable, env, "https://staging.example/")
    assert message in str(caught.value)
    assert "secret" not in str(caught.value).replace("the secret itself", "")
    assert caught.value.location == "--http-credentials"


def test_headers() -> None:
    assert parse_header("X-Staging:  yes please ") == ("X-Staging", "yes please")
    for bad in ("X-Staging", "Bad Name: 1", ": 1", "X-A: 1\r\nX-B: 2"):
        with pytest.raises(ConfigError, match="--header"):
            parse_header(bad)


@dataclass
class Seen:
    """What the staging server received (no cookie values)."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    """staging.shop.test requires basic auth; widgets.other.test is an open third party."""

    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        host = self.headers.get("Host", "").split(":")[0]
        auth = self.headers.get("Authorization")
        with self.server.seen.lock:
            self.server.seen.requests.append(
                {
                    "host": host,
                    "path": self.path,
                    "auth": auth,
                    "x_staging": self.headers.get("X-Staging"),
                    "ua": self.headers.get("User-Agent"),
                }
            )
        if host == STAGING and auth != GOOD:
            self._send(401, b"auth required", [("WWW-Authenticate", 'Basic realm="staging"')])
        elif host == STAGING and self.path == "/":
            script = f"https://{WIDGETS}:{self.server.server_port}/w.js"
            page = f"<html><head><title>Staging shop</title></head><body>Hi<script src='{script}'>"
            self._send(200, (page + "</script></body></html>").encode(), [
                ("Content-Type", "text/html"),
                ("Set-Cookie", "sessionid=abc; Path=/; Secure; HttpOnly"),
            ])  # fmt: skip
        else:
            self._send(200, b"", [("Content-Type", "application/javascript")])

    def _send(self, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def staging_server() -> Iterator[Any]:
    """A loopback HTTPS server for two hosts, the staging one behind basic auth."""
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(STAGING, WIDGETS).configure_cert(context)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.seen = Seen()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _scan(server: Any, out: Path, secret: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("STAGING_AUTH", f"qa:{secret}")
    monkeypatch.chdir(out.parent)
    server.seen.requests.clear()
    url = f"https://{STAGING}:{server.server_port}/"
    argv = ["scan", url, "--resolve", f"{STAGING}=127.0.0.1", "--resolve", f"{WIDGETS}=127.0.0.1"]
    argv += ["--ignore-https-errors", "--http-credentials", "STAGING_AUTH"]
    argv += ["--header", "X-Staging: yes", "--user-agent", "cookiescan-staging-test"]
    argv += ["--states", "none", "--max-pages", "1", "--settle", "0.5", "--banner-wait", "0.5"]
    assert cli.main([*argv, "--format", "json", "--out", str(out), "--fail-on", "never"]) == 0
    report = next(out.rglob("report.json"))
    data: dict[str, Any] = json.loads(report.read_text("utf-8"))
    assert not any(SECRET in p.read_text("utf-8", "replace") for p in out.rglob("*") if p.is_file())
    return data


@pytest.mark.browser
def test_a_staging_host_behind_basic_auth_is_scanned(
    staging_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _scan(staging_server, tmp_path / "reports", SECRET, monkeypatch)
    home = data["states"][0]["observations"][0]
    assert (home["status"], home["title"]) == (200, "Staging shop")
    assert [c["name"] for c in home["cookies"]] == ["sessionid"]
    seen = staging_server.seen.requests
    assert any(r["host"] == STAGING and r["auth"] == GOOD for r in seen)
    assert [r for r in seen if r["host"] == WIDGETS], "the third-party script was requested"
    assert all(r["auth"] is None for r in seen if r["host"] == WIDGETS)
    assert {r["x_staging"] for r in seen} == {"yes"}
    assert {r["ua"] for r in seen} == {"cookiescan-staging-test"}
    settings = data["meta"]["settings"]
    assert (settings["http_credentials"], settings["extra_headers"]) == (
        "STAGING_AUTH",
        "X-Staging",
    )


@pytest.mark.browser
def test_wrong_credentials_show_as_a_failed_page(
    staging_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _scan(staging_server, tmp_path / "reports", "wrong", monkeypatch)
    assert data["states"][0]["observations"][0]["status"] == 401
    assert "page_failed" in {f["kind"] for f in data["findings"]}
