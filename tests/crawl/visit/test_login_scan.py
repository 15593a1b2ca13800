"""Authenticated CLI scans of the login shop: login:, --storage-state, --sitemap and --urls."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from login_site import HOST, LOGIN_ROOT, PASSWORD, PASSWORD_ENV, USER, USER_ENV, LoginSite

from scanner.cli import main
from scanner.report.schema import load_schema

pytestmark = pytest.mark.browser
DECLARED = LOGIN_ROOT / "expected_cookies.yaml"


@pytest.fixture(scope="module")
def shop() -> Iterator[LoginSite]:
    """The login shop with AcctTrack on its account pages, ungated."""
    with LoginSite(gated=False) as site:
        yield site


def scan(
    shop: LoginSite, out: Path, *extra: str, declared: Path = DECLARED, path: str = "/"
) -> int:
    """`cookiescan scan` of the shop in the reject state; returns the exit code."""
    args = ["scan", f"https://{HOST}{path}", "--declared", str(declared), "--out", str(out)]
    args += ["--resolve", shop.resolve_rules[0], "--ignore-https-errors", "--states", "reject"]
    args += ["--format", "json", "--settle", "1", "--banner-wait", "3", "--max-pages", "8"]
    return main([*args, *extra])


def report(out: Path) -> dict[str, object]:
    [path] = (out / "latest").glob("report.json")
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def findings(data: dict[str, object]) -> set[tuple[str, str]]:
    return {(f["kind"], f["subject"]) for f in data["findings"]}  # type: ignore[attr-defined]


def pages(data: dict[str, object]) -> list[str]:
    return [o["url"] for s in data["states"] for o in s["observations"]]  # type: ignore[attr-defined]


def test_login_reaches_the_tracker_on_account_pages(
    shop: LoginSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(USER_ENV, USER)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    assert scan(shop, tmp_path) == 1
    data = report(tmp_path)
    assert ("tracker_request_after_reject", "acctrack.test") in findings(data)
    assert f"https://{HOST}/account/orders" in pages(data)
    observations = [o for s in data["states"] for o in s["observations"]]  # type: ignore[attr-defined]
    login = next(o for o in observations if o["url"] == f"https://{HOST}/login")
    assert any(r["method"] == "POST" for r in login["requests"])
    assert "sid" in {c["name"] for c in login["cookies"]}
    text = (tmp_path / "latest" / "report.json").read_text(encoding="utf-8")
    assert PASSWORD not in text and PASSWORD_ENV in text
    jsonschema.validate(data, load_schema())


def test_wrong_credentials_exit_2_with_the_reason(
    shop: LoginSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(USER_ENV, USER)
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    assert scan(shop, tmp_path) == 2
    err = capsys.readouterr().err
    assert "login failed" in err and "Wrong user name or password" in err
    assert "wrong" not in err.replace("Wrong", "")
    assert not (tmp_path / "latest").exists()


def signed_in_state(shop: LoginSite, path: Path) -> Path:
    """A storage state as a team's login test saves it (signed in over plain HTTP here)."""
    ctx = shop.client_context()
    ctx.check_hostname = False
    body = f"username={USER}&password={PASSWORD}".encode()
    request = urllib.request.Request(f"https://127.0.0.1:{shop.port}/login", body)
    request.add_header("Host", HOST)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=ctx))
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(request, timeout=10)
    cookie = answer.value.headers["Set-Cookie"].split(";")[0]
    answer.value.close()
    name, _, value = cookie.partition("=")
    state = {
        "cookies": [
            {
                "name": name,
                "value": value,
                "domain": HOST,
                "path": "/",
                "expires": -1,
                "httpOnly": True,
                "secure": True,
                "sameSite": "Lax",
            }
        ],
        "origins": [],
    }
    path.write_text(json.dumps(state), encoding="utf-8")
    return path


def test_storage_state_starts_signed_in(shop: LoginSite, tmp_path: Path) -> None:
    declared = tmp_path / "expected_cookies.yaml"
    text = DECLARED.read_text(encoding="utf-8")
    declared.write_text(text.split("login:")[0] + "cookies:" + text.split("\ncookies:")[1])
    state = signed_in_state(shop, tmp_path / "state.json")
    out = tmp_path / "reports"
    assert scan(shop, out, "--storage-state", str(state), declared=declared, path="/account/") == 1
    data = report(out)
    assert ("tracker_request_after_reject", "acctrack.test") in findings(data)
    assert f"https://{HOST}/account/orders" in pages(data)


def test_sitemap_and_urls_file_add_unlinked_pages(
    shop: LoginSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(USER_ENV, USER)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    scan(shop, tmp_path / "a", "--sitemap", "--depth", "1")
    assert f"https://{HOST}/promo/spring" in pages(report(tmp_path / "a"))
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# campaign pages\nhttps://{HOST}/promo/spring\n", encoding="utf-8")
    scan(shop, tmp_path / "b", "--urls", str(urls), "--depth", "0")
    assert f"https://{HOST}/promo/spring" in pages(report(tmp_path / "b"))
