"""Benchmark: six local sites, five pages each, three consent states, against a bare loop.

The sites use the real consent managers of tests/cmp-packages (npm), one has no banner and one
has a tracker that keeps the network busy (tests/sites). Measured in one run, on one browser:
a bare Playwright loop loading the same page visits three times at 4 in parallel; one
`cookiescan scan --sites` run; one `cookiescan scan` per site; a 4x larger site against the
base one. Prints the ratios, pages/s and the peak PSS of the process tree; asserts nothing.

    python benchmarks/multi_site.py --concurrency 4
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
from playwright.async_api import async_playwright

from scanner.cli import main as cookiescan
from scanner.crawl.browser import launch_profile
from scanner.crawl.locate import find_browser
from scanner.crawl.options import BrowserOptions
from scanner.demo.server import LocalSite

TESTS = Path(__file__).parents[1] / "tests"
MODULES = TESTS / "cmp-packages" / "node_modules"
NPM_PAGES = TESTS / "sites" / "npmcmps" / "www.npm-cmps.test"
PACKAGES = ("vanilla-cookieconsent", "klaro", "cookieconsent", "tarteaucitronjs")
CMP_SITES = ("vanilla", "klaro", "osano", "tarteaucitron")
PAGES = 5
TRACKER = '<img src="https://px.trackpixel.test/p.gif" alt="" width="1" height="1">'


def _links(pages: int, here: int) -> str:
    paths = ["/"] + [f"/p{i}" for i in range(1, pages)]
    return " ".join(f'<a href="{p}">page {i}</a>' for i, p in enumerate(paths) if i != here)


def _write_pages(folder: Path, template: str, pages: int) -> None:
    """``pages`` pages made from ``template``, each linking to all the others."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(pages):
        nav = f"<nav>{_links(pages, i)}</nav>{TRACKER}</body>"
        html = re.sub(r"<title>(.*?)</title>", rf"<title>\1 {i}</title>", template, count=1)
        (folder / ("index.html" if i == 0 else f"p{i}.html")).write_text(
            html.replace("</body>", nav, 1), encoding="utf-8"
        )


def build_sites(root: Path, large: int) -> dict[str, str]:
    """Write every site under ``root``; their start hosts by name (and 'large')."""
    for package in PACKAGES:
        shutil.copytree(MODULES / package, root / "cdn.npm-cmps.test" / package)
    pixel = "px.trackpixel.test"
    shutil.copytree(TESTS / "sites" / "nobanner" / pixel, root / pixel)
    hosts = {}
    for name in CMP_SITES:
        template = (NPM_PAGES / f"{name}.html").read_text("utf-8")
        hosts[name] = f"www.{name}-bench.test"
        _write_pages(root / hosts[name], template, PAGES)
    hosts["large"] = "www.large-bench.test"
    _write_pages(root / hosts["large"], (NPM_PAGES / "vanilla.html").read_text("utf-8"), large)
    nobanner = (TESTS / "sites" / "nobanner" / "www.nobanner.test" / "index.html").read_text()
    hosts["nobanner"] = "www.nobanner-bench.test"
    _write_pages(root / hosts["nobanner"], nobanner, PAGES)
    busy = TESTS / "sites" / "busy"
    shutil.copytree(busy / "live.busytracker.test", root / "live.busytracker.test")
    shutil.copytree(busy / "www.busy-news.test", root / "www.busy-news.test")
    hosts["busy"] = "www.busy-news.test"
    return hosts


class PeakPss:
    """Samples the PSS of this process and all its children (the browsers) in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.25):
            total = 0
            for process in (me, *me.children(recursive=True)):
                with contextlib.suppress(psutil.Error):
                    total += process.memory_full_info().pss
            self.peak = max(self.peak, total)

    def __enter__(self) -> PeakPss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


async def bare_loop(urls: list[str], concurrency: int, options: BrowserOptions) -> int:
    """Load every URL three times (like three states) with plain Playwright, same browser."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls * 3:
        queue.put_nowait(url)
    async with async_playwright() as playwright:
        with tempfile.TemporaryDirectory() as profile:
            context = await launch_profile(playwright, options, Path(profile))

            async def worker() -> None:
                page = await context.new_page()
                while not queue.empty():
                    await page.goto(queue.get_nowait(), wait_until="load")

            await asyncio.gather(*(worker() for _ in range(concurrency)))
            await context.close()
    return len(urls) * 3


def measure(label: str, run: Callable[[], int], base: float | None) -> float:
    """Run, then print time, pages/s, ratio to ``base`` and peak PSS."""
    with PeakPss() as memory:
        started = time.perf_counter()
        count = run()
        elapsed = time.perf_counter() - started
    ratio = f"{elapsed / base:5.2f}x bare" if base else "     (base)"
    print(
        f"{label:<34} {count:>4} visits {elapsed:7.2f} s {count / elapsed:6.2f} pages/s "
        f"{ratio}  peak PSS {memory.peak / 2**20:7.1f} MiB",
        flush=True,
    )
    return elapsed


def scan(args: list[str], out: Path) -> int:
    """One quiet `cookiescan scan` in this process; the visits it made (from its reports)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        cookiescan(["scan", "--out", str(out), "--format", "json", *args])
    visits = 0
    for report in out.rglob("latest/report.json"):
        visits += report.read_text("utf-8").count('"waited_settle"')
    return visits


def main() -> None:
    """Build the sites, run every measurement, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--scale", type=int, default=4, help="the larger site is this many x")
    args = parser.parse_args()
    if not all((MODULES / p / "package.json").is_file() for p in PACKAGES):
        raise SystemExit("npm fixtures missing: run 'make cmp-fixtures'")
    executable = find_browser(None, None).path
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "sites", Path(tmp) / "out"
        hosts = build_sites(root, PAGES * args.scale)
        with LocalSite(root) as site:
            names = [n for n in hosts if n != "large"]
            declared = _declared_files(Path(tmp), site, hosts)
            sites_file = Path(tmp) / "sites.yaml"
            sites_file.write_text(
                "".join(f"- name: {n}\n  declared: {declared[n]}\n" for n in names)
            )
            common = [f"--concurrency={args.concurrency}", "--ignore-https-errors"]
            common += [f"--resolve={rule}" for rule in site.resolve_rules]
            common += ["--max-pages", str(PAGES)]
            urls = [site.url(hosts[n], p) for n in names for p in _paths(PAGES)]
            options = BrowserOptions(
                executable, resolve=site.resolve_rules, ignore_https_errors=True
            )
            print(
                f"{len(names)} sites x {PAGES} pages x 3 states, concurrency "
                f"{args.concurrency}, {executable}"
            )
            bare = measure(
                "bare Playwright loop",
                lambda: asyncio.run(bare_loop(urls, args.concurrency, options)),
                None,
            )
            measure(
                "cookiescan scan --sites",
                lambda: scan(["--sites", str(sites_file), *common], out / "sites"),
                bare,
            )
            measure(
                "cookiescan scan, one per site",
                lambda: sum(
                    scan(["--declared", str(declared[n]), *common], out / "one" / n) for n in names
                ),
                bare,
            )
            small = measure(
                f"one site, {PAGES} pages",
                lambda: scan(["--declared", str(declared["vanilla"]), *common], out / "small"),
                None,
            )
            large_args = [*common[:-1], str(PAGES * args.scale)]
            large = measure(
                f"one site, {PAGES * args.scale} pages",
                lambda: scan(["--declared", str(declared["large"]), *large_args], out / "large"),
                None,
            )
            print(f"{args.scale}x larger site takes {large / small:.2f}x the time")


def _declared_files(tmp: Path, site: LocalSite, hosts: dict[str, str]) -> dict[str, Path]:
    """An expected_cookies.yaml per site naming only its start URL (nothing declared)."""
    files = {}
    for name, host in hosts.items():
        files[name] = tmp / f"{name}.yaml"
        files[name].write_text(f"site: {site.url(host, '/')}\n", encoding="utf-8")
    return files


def _paths(pages: int) -> list[str]:
    return ["/"] + [f"/p{i}" for i in range(1, pages)]


if __name__ == "__main__":
    main()
