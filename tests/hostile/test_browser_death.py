"""A browser that dies mid-state is restarted on a fresh profile, the consent choice made
again; one that keeps dying ends the state, marked incomplete, with exit 3 and the report."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
from scan_run import browser_main_process, finish, leftovers, private_tmpdir, scan_args, start_scan

from scanner.demo.server import LocalSite, ServedRequest
from scanner.errors import ExitCode

HOST = "www.multistep.test"
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def _kill_next_browser(tmpdir: Path, killed: set[int], timeout: float = 60) -> int:
    """Wait for a browser process not killed yet (a launch or a restart), and kill it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        process = browser_main_process(tmpdir)
        if process is not None and process.pid not in killed:
            process.kill()
            psutil.wait_procs([process], timeout=10)
            killed.add(process.pid)
            return process.pid
        time.sleep(0.05)  # polling for the event: a new browser process
    raise AssertionError("no new browser process appeared")


def _followed_page(request: ServedRequest) -> bool:
    """One of the 20,000 pages huge.html links to (there is always another one queued)."""
    return request.path.startswith("/huge/")


def _report(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(next(out.rglob("report.json")).read_text("utf-8"))
    return data


def test_a_browser_killed_mid_state_is_restarted_and_the_state_goes_on(
    multistep_site: LocalSite, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    extra = ("--states", "accept", "--concurrency", "1", "--settle", "0.5", "--fail-on", "never")
    multistep_site.clear_requests()
    with private_tmpdir() as tmpdir:
        proc = start_scan(scan_args(multistep_site, HOST, out, *extra), tmpdir)
        seen = multistep_site.wait_for_request(lambda r: r.path.startswith("/a"), timeout=90)
        assert seen is not None, "the scan never reached the second page"
        _kill_next_browser(tmpdir, set())
        run = finish(proc, out, tmpdir, timeout=200)
        assert leftovers(tmpdir) == []
    assert run.returncode == ExitCode.CLEAN, run.stderr[-2000:]
    state = _report(out)["states"][0]
    assert state["incomplete"] is None
    [restart] = state["restarts"]
    assert restart["consent_reapplied"] is True
    assert "browser" in restart["reason"]
    observations = state["observations"]
    died = [o for o in observations if o["failure"] == "browser_died"]
    assert [o["url"] for o in died] == [restart["page_url"]]
    after = observations[observations.index(died[0]) + 1 :]
    assert any(o["error"] is None for o in after), "no page was scanned after the restart"


def test_a_browser_that_keeps_dying_ends_the_state_incomplete(
    hostile_site: LocalSite, tmp_path: Path
) -> None:
    """Crawling the links of a huge page, the browser is killed four times: exit 3, the
    report has the pages done, its restarts and the state marked incomplete."""
    out = tmp_path / "reports"
    extra = ("--states", "none", "--concurrency", "1", "--settle", "0.5", "--max-pages", "200",
             "--depth", "200", "--fail-on", "never")  # fmt: skip
    args = scan_args(hostile_site, "www.hostile.test", out, *extra)
    args[args.index(hostile_site.url("www.hostile.test"))] += "huge.html"
    killed: set[int] = set()
    hostile_site.clear_requests()
    with private_tmpdir() as tmpdir:
        proc = start_scan(args, tmpdir)
        for _ in range(4):  # each launch once it is past the landing page
            crawling = hostile_site.wait_for_request(_followed_page, 90)
            assert crawling is not None, "the browser never requested a followed page"
            hostile_site.clear_requests()
            _kill_next_browser(tmpdir, killed)
        run = finish(proc, out, tmpdir, timeout=200)
        assert leftovers(tmpdir) == []
    assert run.returncode == ExitCode.SCAN_FAILED, run.stderr[-2000:]
    assert "incomplete" in run.stderr
    state = _report(out)["states"][0]
    assert 1 <= len(state["restarts"]) <= 3  # a kill during a relaunch is a death too
    assert "died 4 times" in state["incomplete"]
    assert state["observations"][0]["error"] is None


def test_the_shared_browser_killed_mid_scan_every_state_goes_on(
    multistep_site: LocalSite, tmp_path: Path
) -> None:
    """The three states are contexts of one browser: its death ends every state's profile at
    once; it is launched once more and each state goes on in a fresh context, its consent
    choice made again."""
    out = tmp_path / "reports"
    extra = ("--concurrency", "1", "--settle", "0.5", "--fail-on", "never")
    multistep_site.clear_requests()
    with private_tmpdir() as tmpdir:
        proc = start_scan(scan_args(multistep_site, HOST, out, *extra), tmpdir)
        seen = multistep_site.wait_for_request(lambda r: r.path.startswith("/a"), timeout=90)
        assert seen is not None, "the scan never reached the second page"
        _kill_next_browser(tmpdir, set())
        run = finish(proc, out, tmpdir, timeout=200)
        assert leftovers(tmpdir) == []
    assert run.returncode == ExitCode.CLEAN, run.stderr[-2000:]
    states = {s["state"]: s for s in _report(out)["states"]}
    assert set(states) == {"none", "accept", "reject"}
    restarted = {name: s["restarts"] for name, s in states.items() if s["restarts"]}
    assert len(restarted) >= 2, "the states running when the browser died must all restart"
    for name, restarts in restarted.items():
        [restart] = restarts
        assert "browser" in restart["reason"]
        assert restart["consent_reapplied"] is (True if name != "none" else None)
    for state in states.values():
        assert state["incomplete"] is None
        assert any(o["error"] is None for o in state["observations"])
