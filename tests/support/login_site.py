"""A fixture shop with a real login: sessions checked by the server, account pages behind it."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path
from urllib.parse import parse_qs

from scanner.demo.content import Response
from scanner.demo.server import Incoming, LocalSite

LOGIN_ROOT = Path(__file__).resolve().parent.parent / "sites" / "login"
HOST = "www.loginshop.test"
TRACKER = "metrics.acctrack.test"
USER, PASSWORD = "alice", "correct-horse-battery"
USER_ENV, PASSWORD_ENV = "LOGINSHOP_USER", "LOGINSHOP_PASSWORD"


class LoginSite(LocalSite):
    """The login shop; ``gated`` decides whether AcctTrack waits for "accept all"."""

    def __init__(self, gated: bool) -> None:
        super().__init__(LOGIN_ROOT)
        self.gated = gated
        self._sessions: set[str] = set()
        self._lock = threading.Lock()

    def respond(self, incoming: Incoming) -> Response:
        """Sign in on POST /login; /account/* only with a session; assets/gate.js per variant."""
        if incoming.host != HOST:
            return super().respond(incoming)
        if incoming.path == "/login" and incoming.method == "POST":
            return self._sign_in(incoming)
        if incoming.path == "/assets/gate.js":
            script = f"window.GATE_TRACKER = {'true' if self.gated else 'false'};\n"
            return Response(200, (("Content-Type", "text/javascript"),), script.encode())
        if incoming.path.startswith("/account") and not self._signed_in(incoming):
            return Response(302, (("Location", "/login"),), b"")
        return super().respond(incoming)

    def _sign_in(self, incoming: Incoming) -> Response:
        form = parse_qs(incoming.body.decode("utf-8", "replace"))
        if form.get("username") != [USER] or form.get("password") != [PASSWORD]:
            return super().respond(Incoming(HOST, "/login-failed", "", "GET"))
        token = secrets.token_hex(16)
        with self._lock:
            self._sessions.add(token)
        cookie = f"sid={token}; Path=/; HttpOnly; Secure; SameSite=Lax"
        return Response(303, (("Location", "/account/"), ("Set-Cookie", cookie)), b"")

    def _signed_in(self, incoming: Incoming) -> bool:
        with self._lock:
            return any(n == "sid" and v in self._sessions for n, v in incoming.cookies)
