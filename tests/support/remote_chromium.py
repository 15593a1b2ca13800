"""A Chromium started on its own with --remote-debugging-port: a stand-in for a fleet node."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scanner.crawl.browser.launch import QUIET_ARGS, write_profile
from scanner.demo.server import LocalSite

CHROMIUM = "/usr/bin/chromium"
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


@contextmanager
def remote_chromium(site: LocalSite) -> Iterator[str]:
    """Start a headless Chromium that resolves ``site``'s hosts; yield its ws:// endpoint."""
    with tempfile.TemporaryDirectory(prefix="cookiescan-node-") as profile:
        # A fleet node runs a regular profile that keeps third-party cookies, as Chrome does.
        write_profile(Path(profile), block_third_party_cookies=False)
        args = [
            CHROMIUM,
            "--headless",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            *QUIET_ARGS,
            f"--host-resolver-rules={site.chromium_host_rules}",
            "--ignore-certificate-errors",
        ]
        if os.geteuid() == 0:
            args.append("--no-sandbox")
        process = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
        try:
            yield _endpoint(process)
        finally:
            process.terminate()
            process.wait(timeout=30)
            if process.stderr is not None:
                process.stderr.close()


def _endpoint(process: subprocess.Popen[str]) -> str:
    """Read stderr until Chromium prints its DevTools address (it ends when Chromium exits)."""
    assert process.stderr is not None
    for line in process.stderr:
        match = _LISTENING.search(line)
        if match:
            # Keep reading so a chatty browser never blocks on a full pipe.
            threading.Thread(target=_drain, args=(process,), daemon=True).start()
            return match.group(1)
    raise RuntimeError(f"Chromium exited ({process.wait()}) without a DevTools address")


def _drain(process: subprocess.Popen[str]) -> None:
    """Read the rest of stderr until Chromium exits (or the pipe is closed)."""
    assert process.stderr is not None
    try:
        process.stderr.read()
    except (OSError, ValueError):
        return
