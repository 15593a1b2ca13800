"""Benchmark: six local sites, five pages each, three consent states, against a bare loop.

The sites use the real consent managers of tests/vendor/cmps, one has no banner and one
has a tracker that keeps the network busy (tests/sites). Measured in one run, on one browser:
a bare Playwright loop loading the same page visits three times at 4 in parallel; the same
loop with only the scan's isolation (three fresh contexts at once), in one run and in one
run per site; one `cookiescan scan --sites` run; one `cookiescan scan` per site; a 4x larger
site against the base one. Prints the ratios, pages/s, the CPU time of the browser and
driver processes (on a busy or small machine wall time follows CPU time) and the peak PSS of
the process tree; asserts nothing.
Wall times vary by about 10 % from run to run: ``--repeat`` shows the median of several.

    python benchmarks/multi_site.py --concurrency 4 --repeat 3
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import re
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
from playwright.async_api import Page, async_playwright

from scanner.cli import main as cookiescan
from scanner.crawl.browser.launch import context_args, launch_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.options import BrowserOptions
from scanner.demo.server import LocalSite

TESTS = Path(__file__).parents[1] / "tests"
VENDORED = TESTS / "vendor" / "cmps"
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
        shutil.copytree(VENDORED / package, root / "cdn.npm-cmps.test" / package)
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


class TreeMeter:
    """Samples this process's tree in a thread: peak PSS (this process and every child), and
    the CPU time of the children (browser and driver; this process also serves the sites)."""

    CPU_EVERY_S = 0.05
    PSS_EVERY = 5  # PSS (smaps) is costly to read: every fifth sample

    def __init__(self) -> None:
        self.peak = 0
        self._cpu: dict[tuple[int, float], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def child_cpu(self) -> float:
        """CPU seconds of every child seen (each at its last sample)."""
        return sum(self._cpu.values())

    def _run(self) -> None:
        me = psutil.Process()
        tick = 0
        while not self._stop.wait(self.CPU_EVERY_S):
            children = me.children(recursive=True)
            for child in children:
                with contextlib.suppress(psutil.Error):
                    times = child.cpu_times()
                    self._cpu[(child.pid, child.create_time())] = times.user + times.system
            tick += 1
            if tick % self.PSS_EVERY == 0:
                total = 0
                for process in (me, *children):
                    with contextlib.suppress(psutil.Error):
                        total += process.memory_full_info().pss
                self.peak = max(self.peak, total)

    def __enter__(self) -> TreeMeter:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


async def bare_loop(
    urls: list[str], concurrency: int, options: BrowserOptions, rounds: int = 3
) -> int:
    """Load every URL ``rounds`` times (3: like three states) with plain Playwright."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls * rounds:
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
    return len(urls) * rounds


async def isolated_loop(urls: list[str], concurrency: int, options: BrowserOptions) -> int:
    """The bare loop with the scan's isolation and nothing else: three fresh contexts of one
    launch visited at once, each URL once in each. Worker ``i`` serves context ``i % 3`` first,
    then helps the others, reusing one tab per context (as few tabs as the isolation allows)."""
    queues: list[list[str]] = [list(urls) for _ in range(3)]
    async with async_playwright() as playwright:
        with tempfile.TemporaryDirectory() as profile:
            default = await launch_profile(playwright, options, Path(profile))
            browser = default.browser
            assert browser is not None  # a persistent launch has its browser
            contexts = [await browser.new_context(**context_args(options)) for _ in range(3)]

            async def worker(first: int) -> None:
                tabs: dict[int, Page] = {}
                order = [(first + step) % 3 for step in range(3)]
                while (state := next((s for s in order if queues[s]), None)) is not None:
                    url = queues[state].pop(0)
                    if state not in tabs:
                        tabs[state] = await contexts[state].new_page()
                    await tabs[state].goto(url, wait_until="load")

            await asyncio.gather(*(worker(i % 3) for i in range(concurrency)))
            for context in (*contexts, default):
                await context.close()
    return len(urls) * 3


def measure(label: str, run: Callable[[], int], base: float | None, repeat: int) -> float:
    """Run ``repeat`` times, then print the median time (and range), pages/s, ratio to
    ``base``, the children's CPU time and the peak PSS; the median time."""
    times, cpus, peaks, count = [], [], [], 0
    for _ in range(repeat):
        with TreeMeter() as meter:
            started = time.perf_counter()
            count = run()
            times.append(time.perf_counter() - started)
        cpus.append(meter.child_cpu)
        peaks.append(meter.peak)
    elapsed = statistics.median(times)
    spread = f" ({min(times):.1f}-{max(times):.1f})" if repeat > 1 else ""
    ratio = f"{elapsed / base:5.2f}x bare" if base else "     (base)"
    print(
        f"{label:<34} {count:>4} visits {elapsed:7.2f} s{spread} {count / elapsed:6.2f} pages/s "
        f"{ratio}  CPU {statistics.median(cpus):6.1f} s  "
        f"peak PSS {max(peaks) / 2**20:7.1f} MiB",
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
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each measurement; the median is shown"
    )
    args = parser.parse_args()
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
                args.repeat,
            )
            measure(
                "bare loop, three fresh contexts",
                lambda: asyncio.run(isolated_loop(urls, args.concurrency, options)),
                bare,
                args.repeat,
            )
            measure(
                "cookiescan scan --sites",
                lambda: scan(["--sites", str(sites_file), *common], out / "sites"),
                bare,
                args.repeat,
            )
            site_urls = {n: [site.url(hosts[n], p) for p in _paths(PAGES)] for n in names}
            measure(
                "the same, one launch per site",
                lambda: sum(
                    asyncio.run(isolated_loop(site_urls[n], args.concurrency, options))
                    for n in names
                ),
                bare,
                args.repeat,
            )
            measure(
                "cookiescan scan, one per site",
                lambda: sum(
                    scan(["--declared", str(declared[n]), *common], out / "one" / n) for n in names
                ),
                bare,
                args.repeat,
            )
            small = measure(
                f"one site, {PAGES} pages",
                lambda: scan(["--declared", str(declared["vanilla"]), *common], out / "small"),
                None,
                args.repeat,
            )
            large_args = [*common[:-1], str(PAGES * args.scale)]
            large = measure(
                f"one site, {PAGES * args.scale} pages",
                lambda: scan(["--declared", str(declared["large"]), *large_args], out / "large"),
                None,
                args.repeat,
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
