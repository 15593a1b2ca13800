"""The knowledge commands end to end: explain, update, import-policy, check-policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.cli import main
from scanner.declared.loader import load_declarations
from scanner.knowledge import cache

DATA = Path(__file__).parents[1] / "policy" / "policy_data"
POLICY = """<h2>Analytics cookies</h2><table><tr><th>Cookie</th><th>Provider</th>
<th>Expiry</th></tr><tr><td>_ga</td><td>Google</td><td>2 years</td></tr></table>"""


def test_explain_names_vendor_category_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "_ga"]) == 0
    out = capsys.readouterr().out
    assert "Google Analytics" in out and "analytics" in out and "Open Cookie Database" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["sessionid"], "to Instagram only when set on the vendor's domain (instagram.com)"),
        (["sessionid", "--domain", "www.shop.test"], "not on www.shop.test: a generic name"),
        (["sessionid", "--domain", "www.instagram.com"], "on www.instagram.com, high confidence"),
        (["lang", "--domain", "shop.test"], "not on shop.test: a generic name"),
        (["_fbp", "--domain", "shop.test"], "to Facebook on shop.test, medium confidence"),
    ],
)
def test_explain_says_when_and_how_confidently_a_name_is_attributed(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", *args]) == 0
    assert said in capsys.readouterr().out


def test_update_exits_3_when_every_source_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def offline(url: str, timeout: float) -> bytes:
        raise OSError("offline")

    monkeypatch.setattr(cache, "urllib_fetch", offline)
    assert main(["update", "--cache-dir", str(tmp_path)]) == 3
    assert capsys.readouterr().out.count("FAILED") == len(cache.DEFAULT_SOURCES)


def test_update_reports_each_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fetch(url: str, timeout: float) -> bytes:
        if url.endswith("easyprivacy.txt"):
            return b"! list\n||trk.example.net^\n"
        raise OSError("offline")

    monkeypatch.setattr(cache, "urllib_fetch", fetch)
    assert main(["update", "--cache-dir", str(tmp_path)]) == 0
    assert "ok easyprivacy" in capsys.readouterr().out


def test_import_policy_writes_a_loadable_draft(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    assert main(["import-policy", str(DATA / "esg_albanian.txt"), "--out", str(out)]) == 0
    decls = load_declarations(out)
    by_name = {c.name: c for c in decls.cookies}
    assert by_name["_ga"].category.value == "analytics"
    assert by_name["IDE"].category.value == "advertising"
    assert by_name["jsCookieCheck"].category.value == "necessary"
    assert main(["import-policy", str(DATA / "esg_albanian.txt"), "--out", str(out)]) == 2


def test_import_policy_says_when_there_are_no_cookie_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.yaml"
    assert main(["import-policy", str(DATA / "enkosoft_plain.txt"), "--out", str(out)]) == 0
    assert "no cookie names found" in capsys.readouterr().out
    assert not out.exists()


def test_check_policy_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "policy.html"
    policy.write_text(POLICY, encoding="utf-8")
    declared = tmp_path / "expected_cookies.yaml"
    declared.write_text("cookies:\n  - name: _ga\n    category: analytics\n", encoding="utf-8")
    assert main(["check-policy", "--policy", str(policy), "--declared", str(declared)]) == 0
    declared.write_text("cookies:\n  - name: _ga\n    category: necessary\n", encoding="utf-8")
    assert main(["check-policy", "--policy", str(policy), "--declared", str(declared)]) == 1
    assert "category differs" in capsys.readouterr().out
    missing = ["check-policy", "--policy", str(policy), "--report", str(tmp_path / "none.json")]
    assert main([*missing, "--declared", str(declared)]) == 2
