"""Benchmark: what a one-site scan pays before and after its pages, against the floor's.

Each run is a fresh process, as a CI job starts one: a ``cookiescan scan`` of a one-page local
site in one state (no interaction, no dwell: only the fixed costs), timed phase by phase
(interpreter and imports, Playwright driver, browser launch, the visitor probe, which runs
beside the state, the state with its context and page, the judgement, the reports, closing);
and the floor's process: interpreter, Playwright, driver, launch, the same page to
``networkidle``, closing. Prints the median of each phase; asserts nothing.

    python benchmarks/startup.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HOST = "www.startup-bench.test"
STARTED = "COOKIESCAN_BENCH_STARTED"


def _timed(phases: dict[str, float], name: str, work: Callable[..., Awaitable[Any]]) -> Any:
    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await work(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.perf_counter() - started

    return timed


def _timed_sync(phases: dict[str, float], name: str, work: Callable[..., Any]) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return work(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.perf_counter() - started

    return timed


def scan_process(started: float, argv: list[str]) -> None:
    """In the scan's process: the cookiescan CLI with its phases timed, printed as JSON."""
    phases: dict[str, float] = {}
    imported = time.perf_counter()
    from playwright.async_api import PlaywrightContextManager

    from scanner.cli import main as cookiescan
    from scanner.crawl.browser import shared
    from scanner.crawl.visit import session, state_crawl
    from scanner.pipeline import execute

    phases["interpreter and imports"] = time.perf_counter() - imported + started
    enter, leave = PlaywrightContextManager.__aenter__, PlaywrightContextManager.__aexit__
    PlaywrightContextManager.__aenter__ = _timed(phases, "driver start", enter)  # type: ignore[method-assign]
    PlaywrightContextManager.__aexit__ = _timed(phases, "driver stop", leave)  # type: ignore[method-assign]
    shared.launch_profile = _timed(phases, "browser launch", shared.launch_profile)
    browser = shared.SharedBrowser
    browser.close = _timed(phases, "browser close", browser.close)  # type: ignore[method-assign]
    session.probe_profile = _timed(phases, "visitor probe (beside the page)", session.probe_profile)
    crawler = state_crawl.StateCrawler
    crawler.crawl = _timed(phases, "the state (launch included)", crawler.crawl)  # type: ignore[method-assign]
    execute.build_context = _timed_sync(phases, "judgement", execute.build_context)
    execute.write_scan = _timed_sync(phases, "reports", execute.write_scan)
    whole = time.perf_counter()
    try:
        cookiescan(argv)
    finally:
        phases["whole scan() call"] = time.perf_counter() - whole
        print(json.dumps(phases))


def floor_process(started: float, url: str, resolve: str) -> None:
    """In the floor's process: Playwright, a launch, the page to networkidle, closing."""
    import asyncio

    phases: dict[str, float] = {}
    imported = time.perf_counter()
    from playwright.async_api import async_playwright

    from scanner.crawl.browser.launch import launch_profile
    from scanner.crawl.browser.locate import find_browser
    from scanner.crawl.options import BrowserOptions

    phases["interpreter and imports"] = time.perf_counter() - imported + started

    async def run() -> None:
        mark = time.perf_counter()
        manager = async_playwright()
        playwright = await manager.__aenter__()
        phases["driver start"] = time.perf_counter() - mark
        options = BrowserOptions(find_browser(None, None).path, resolve=(resolve,))
        with tempfile.TemporaryDirectory() as profile:
            mark = time.perf_counter()
            default = await launch_profile(playwright, options, Path(profile))
            phases["browser launch"] = time.perf_counter() - mark
            mark = time.perf_counter()
            assert default.browser is not None
            context = await default.browser.new_context(ignore_https_errors=True)
            page = await context.new_page()
            await page.goto(url, wait_until="networkidle")
            await context.close()
            phases["the state (context, page, close)"] = time.perf_counter() - mark
            mark = time.perf_counter()
            await default.close()
            phases["browser close"] = time.perf_counter() - mark
        mark = time.perf_counter()
        await manager.__aexit__(None, None, None)
        phases["driver stop"] = time.perf_counter() - mark

    asyncio.run(run())
    print(json.dumps(phases))


def main() -> None:
    """Serve the page, run both processes ``--repeat`` times, print the median phases."""
    if sys.argv[1:2] in (["--scan"], ["--floor"]):
        started = time.time() - float(sys.argv[2])
        if sys.argv[1] == "--scan":
            scan_process(started, sys.argv[3:])
        else:
            floor_process(started, sys.argv[3], sys.argv[4])
        return
    from scanner.demo.server import LocalSite  # the parent serves; the children stay lean

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sites" / HOST).mkdir(parents=True)
        page = "<!doctype html><title>start-up</title><p>One page.</p>"
        (Path(tmp) / "sites" / HOST / "index.html").write_text(page, encoding="utf-8")
        with LocalSite(Path(tmp) / "sites") as site:
            resolve = site.resolve_rules[0]
            scan = ["scan", site.url(HOST, "/"), "--states", "none", "--max-pages", "1"]
            scan += ["--interaction", "none", "--dwell", "0", "--ignore-https-errors"]
            scan += [f"--resolve={resolve}", "--format", "json", "--out", f"{tmp}/out"]
            runs: dict[str, list[dict[str, float]]] = {"scan": [], "floor": []}
            walls: dict[str, list[float]] = {"scan": [], "floor": []}
            for _ in range(args.repeat):
                for kind, extra in (("scan", scan), ("floor", [site.url(HOST, "/"), resolve])):
                    began = time.time()  # the interpreter's start, to time it
                    command = [sys.executable, __file__, f"--{kind}", str(began), *extra]
                    done = subprocess.run(command, capture_output=True, text=True, check=False)
                    walls[kind].append(time.time() - began)
                    runs[kind].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"one page, one state, fresh process each, median of {args.repeat} (s)")
    print(f"{'phase':<36} {'scan':>7} {'floor':>7}")
    names = list(dict.fromkeys([*runs["scan"][0], *runs["floor"][0]]))
    for name in names:
        figures = [
            statistics.median(r.get(name, 0.0) for r in runs[kind]) for kind in ("scan", "floor")
        ]
        print(f"{name:<36} {figures[0]:7.2f} {figures[1]:7.2f}")
    print(
        f"{'the whole process':<36} {statistics.median(walls['scan']):7.2f} "
        f"{statistics.median(walls['floor']):7.2f}"
    )


if __name__ == "__main__":
    main()
