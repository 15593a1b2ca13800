"""Bad input is refused at once with exit 2 (before any browser starts), and an error in the
middle of a scan still writes the pages done so far, with exit 3 (never 1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.cli import main
from scanner.crawl.navigation import page_links
from scanner.demo.server import LocalSite
from scanner.errors import ExitCode

# A browser path that cannot work: reaching the browser would exit 3, so exit 2 proves the
# input was refused first.
NO_BROWSER = ["--browser-path", "/nonexistent/chromium"]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "http://host.test:99999/x", "http://host.test:abc/x",
     "http://[::1/x", "file:///etc/passwd"],
)  # fmt: skip
def test_malformed_start_urls_exit_2(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", url, "--out", str(tmp_path), *NO_BROWSER]) == ExitCode.USAGE
    assert "is not an http(s) URL to scan" in capsys.readouterr().err


def test_an_out_that_is_a_file_exits_2_before_the_browser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "reports"
    existing.write_text("a file")
    code = main(["scan", "https://a.test/", "--out", str(existing), *NO_BROWSER])
    assert code == ExitCode.USAGE
    assert "--out" in capsys.readouterr().err


def test_an_out_that_cannot_be_created_exits_2_before_the_browser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["scan", "https://a.test/", "--out", "/proc/cookiescan-reports", *NO_BROWSER])
    assert code == ExitCode.USAGE
    assert "cannot write reports into /proc/cookiescan-reports" in capsys.readouterr().err


def test_an_oversized_declared_file_exits_2_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    declared = tmp_path / "expected_cookies.yaml"
    with declared.open("w", encoding="utf-8") as fh:
        fh.write("cookies:\n")
        fh.write("  - name: a\n    category: necessary\n" * 200_000)
        fh.write("  - name: b\n    category: snacks\n")
    code = main(["scan", "https://a.test/", "--declared", str(declared), *NO_BROWSER])
    assert code == ExitCode.USAGE
    assert "MB is over the 5 MB limit for a declared file" in capsys.readouterr().err


def test_a_declared_file_nested_1000_deep_exits_2_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    declared = tmp_path / "expected_cookies.yaml"
    declared.write_text("site: https://a.test/\ncookies: " + "[" * 1000 + "]" * 1000 + "\n")
    code = main(["scan", "https://a.test/", "--declared", str(declared), *NO_BROWSER])
    assert code == ExitCode.USAGE
    assert f"{declared}:2: nested more than 50 levels deep" in capsys.readouterr().err


@pytest.mark.browser
def test_an_unexpected_error_mid_scan_writes_a_partial_report_and_exits_3(
    multistep_site: LocalSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bug on the second page: exit 3 (never 1), the first page in a report marked with
    the error, and no profile left behind."""
    calls = {"n": 0}
    original = page_links.discover_hrefs

    def failing(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("boom <b>bold</b>")
        return original(*args)

    monkeypatch.setattr(page_links, "discover_hrefs", failing)
    out = tmp_path / "reports"
    args = ["scan", multistep_site.url("www.multistep.test"), "--ignore-https-errors",
            "--states", "none", "--concurrency", "1", "--settle", "0.5", "--out", str(out),
            "--declared", str(multistep_site.root / "expected_cookies.yaml"),
            *[f"--resolve={rule}" for rule in multistep_site.resolve_rules]]  # fmt: skip
    assert main(args) == ExitCode.SCAN_FAILED
    assert "RuntimeError: boom" in capsys.readouterr().err
    report: dict[str, Any] = json.loads((out / "latest" / "report.json").read_text("utf-8"))
    assert report["meta"]["error"] == "unexpected error: RuntimeError: boom <b>bold</b>"
    [state] = report["states"]
    assert state["incomplete"].startswith("the scan failed: unexpected error")
    assert [o["url"] for o in state["observations"]] == ["https://www.multistep.test/"]


def test_evidence_with_sites_is_refused_not_silently_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n  - name: Shop\n    urls: [https://a.test/]\n", "utf-8")
    argv = ["scan", "--sites", str(sites), "--evidence", "--out", str(tmp_path / "out")]
    assert main([*argv, *NO_BROWSER]) == ExitCode.USAGE
    assert "--evidence works for one site's scan, not yet with --sites" in capsys.readouterr().err
