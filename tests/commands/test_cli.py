"""The CLI's contract: usage errors, config errors with file:line, exit codes, interruption."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from signals import sigint_default, sigint_ignored

from scanner.cli import main
from scanner.demo.server import LocalSite
from scanner.errors import ExitCode


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == ExitCode.USAGE
    assert "scan" in capsys.readouterr().err


def test_unknown_flag_is_a_usage_error() -> None:
    assert main(["scan", "--no-such-flag"]) == ExitCode.USAGE


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for code in ("0 ", "1 ", "2 ", "3 ", "130"):
        assert code in out


def test_bad_declarations_name_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    declared = tmp_path / "expected_cookies.yaml"
    declared.write_text("cookies:\n  - name: _ga\n    category: snacks\n", encoding="utf-8")
    code = main(["scan", "https://example.test/", "--declared", str(declared)])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE
    assert f"{declared}:3" in err and "snacks" in err


def test_missing_declarations_file_is_a_config_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "https://example.test/", "--declared", "/nope.yaml"]) == ExitCode.USAGE
    assert "/nope.yaml" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--states", "none,maybe"), ("--fail-on", "catastrophic"), ("--resolve", "no-equals"),
     ("--viewport", "wide"), ("--max-pages", "0")],
)  # fmt: skip
def test_bad_flag_values_are_usage_errors(
    flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "https://example.test/", flag, value]) == ExitCode.USAGE
    assert flag in capsys.readouterr().err


def test_scan_without_url_or_site_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["scan"]) == ExitCode.USAGE
    assert "URL" in capsys.readouterr().err


def test_unusable_browser_is_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["scan", "https://example.test/", "--browser-path", str(tmp_path / "chrome"),
                 "--out", str(tmp_path)])  # fmt: skip
    assert code == ExitCode.SCAN_FAILED
    assert "--browser-path" in capsys.readouterr().err


@pytest.mark.browser
def test_findings_at_fail_on_exit_1_and_never_exits_0(
    nobanner_site: LocalSite, tmp_path: Path
) -> None:
    base = ["scan", nobanner_site.url("www.nobanner.test"), "--states", "none",
            "--ignore-https-errors", "--settle", "0.5", "--max-pages", "2",
            "--declared", str(nobanner_site.root / "expected_cookies.yaml")]  # fmt: skip
    base += [f"--resolve={rule}" for rule in nobanner_site.resolve_rules]
    assert main([*base, "--out", str(tmp_path / "a")]) == ExitCode.FINDINGS
    assert main([*base, "--out", str(tmp_path / "b"), "--fail-on", "never"]) == ExitCode.CLEAN


@pytest.mark.browser
@pytest.mark.parametrize(
    ("how", "inherited"),
    [("sigint", sigint_default), ("sigint", sigint_ignored), ("sigterm", sigint_ignored),
     ("group-sigint", sigint_ignored)],
)  # fmt: skip
def test_interrupted_scan_keeps_what_it_found(
    multistep_site: LocalSite, tmp_path: Path, how: str, inherited: Callable[[], None]
) -> None:
    """SIGINT or SIGTERM mid-scan: exit 130, a report marked interrupted with the pages done
    so far, and no browser profile left in $TMPDIR.

    SIGINT stops the scan even when it was started with SIGINT ignored (a background job of a
    non-interactive shell), and also when sent to the whole process group, which kills the
    browser as well.
    """
    proc = _start_scan(multistep_site, tmp_path, inherited, new_session=how == "group-sigint")
    try:
        seen = multistep_site.wait_for_request(lambda r: r.path.startswith("/a"), timeout=60)
        assert seen is not None, "the scan never reached the second page"
        time.sleep(0.5)
        if how == "group-sigint":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGINT)
        proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == ExitCode.INTERRUPTED
    _assert_partial_report(tmp_path / "out")
    assert _profiles_left(tmp_path) == [], "a browser profile was left behind"


def _start_scan(
    site: LocalSite,
    tmp_path: Path,
    preexec_fn: Callable[[], None],
    new_session: bool = False,
) -> subprocess.Popen[bytes]:
    """`cookiescan scan` of the multistep site, one page at a time, in its own $TMPDIR.

    The $TMPDIR path is kept short: Chromium's singleton socket lives there (108 bytes max).
    """
    private_tmp = Path(tempfile.mkdtemp(prefix="cookiescan-test-"))
    (tmp_path / "tmp").symlink_to(private_tmp)
    args = [sys.executable, "-m", "scanner", "scan", site.url("www.multistep.test"),
            "--ignore-https-errors", "--concurrency", "1", "--out", str(tmp_path / "out"),
            "--declared", str(site.root / "expected_cookies.yaml"),
            *[f"--resolve={rule}" for rule in site.resolve_rules]]  # fmt: skip
    site.clear_requests()
    env = {**os.environ, "TMPDIR": str(private_tmp)}
    return subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=preexec_fn,
        start_new_session=new_session,
    )


def _profiles_left(tmp_path: Path) -> list[Path]:
    private_tmp = (tmp_path / "tmp").resolve()
    left = list(private_tmp.glob("cookiescan-profile-*"))
    shutil.rmtree(private_tmp, ignore_errors=True)
    return left


def _assert_partial_report(out: Path) -> None:
    report = json.loads(next(out.rglob("report.json")).read_text("utf-8"))
    assert report["meta"]["interrupted"] is True
    pages = [o["url"] for s in report["states"] for o in s["observations"]]
    assert "https://www.multistep.test/" in pages
