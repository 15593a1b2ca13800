"""Run `cookiescan scan` as a real subprocess against a fixture site, and check what it left.

Each run gets its own short $TMPDIR (Chromium's singleton socket path is limited to 108 bytes),
so leftover browser profiles and processes can be found afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
from signals import sigint_default

from scanner.crawl.browser.trace import TRACE_ENV
from scanner.demo.server import LocalSite

PROFILE_GLOB = "cookiescan-profile-*"


@dataclass(frozen=True, slots=True)
class ScanRun:
    """A finished scan: exit code, output and the folders it used."""

    returncode: int
    stdout: str
    stderr: str
    out: Path
    tmpdir: Path


def scan_args(site: LocalSite, host: str, out: Path, *extra: str) -> list[str]:
    """The command line of a scan of ``host`` with the site's own declared file."""
    return [
        sys.executable, "-m", "scanner", "scan", site.url(host), "--ignore-https-errors",
        "--out", str(out), "--declared", str(site.root / "expected_cookies.yaml"),
        *[f"--resolve={rule}" for rule in site.resolve_rules], *extra,
    ]  # fmt: skip


@contextmanager
def private_tmpdir() -> Iterator[Path]:
    """A fresh, short $TMPDIR for one scan, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="cs-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def start_scan(
    args: list[str], tmpdir: Path, preexec_fn: Callable[[], None] = sigint_default
) -> subprocess.Popen[str]:
    """Start a scan with ``tmpdir`` as $TMPDIR and a known SIGINT disposition."""
    env = {k: v for k, v in os.environ.items() if k != TRACE_ENV} | {"TMPDIR": str(tmpdir)}
    return subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=preexec_fn,
    )


def finish(proc: subprocess.Popen[str], out: Path, tmpdir: Path, timeout: float) -> ScanRun:
    """Wait for the scan (killing it after ``timeout`` s) and collect its output."""
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    finally:
        proc.kill()
    return ScanRun(proc.returncode, stdout, stderr, out, tmpdir)


def browser_processes(tmpdir: Path) -> list[psutil.Process]:
    """Live processes whose command line names a profile under ``tmpdir``."""
    found = []
    for process in psutil.process_iter(["cmdline", "status"]):
        cmdline = " ".join(process.info.get("cmdline") or [])
        alive = process.info.get("status") != psutil.STATUS_ZOMBIE
        if alive and str(tmpdir) in cmdline and "cookiescan-profile-" in cmdline:
            found.append(process)
    return found


def browser_main_process(tmpdir: Path) -> psutil.Process | None:
    """The browser process (not a renderer or helper) using a profile under ``tmpdir``."""
    for process in browser_processes(tmpdir):
        with_type = any(arg.startswith("--type=") for arg in process.cmdline())
        if not with_type:
            return process
    return None


def leftovers(tmpdir: Path) -> list[str]:
    """Profile folders and browser processes a finished scan left behind."""
    profiles = [p.name for p in tmpdir.glob(PROFILE_GLOB)]
    processes = [f"pid {p.pid}" for p in browser_processes(tmpdir)]
    return profiles + processes
