"""Benchmark: a scan against its isolation floor, on six local sites of five pages, 3 states.

The sites use the real consent managers of tests/vendor/cmps, one has no banner and one has a
tracker that keeps the network busy (tests/sites). In the same run, each as a process of its
own (as CI runs a scan): the isolation floor (benchmarks/floor.py: the same visits with the
scan's isolation and parallelism, recording nothing) for all sites at once and with one launch
per site; `cookiescan scan --sites` and one `cookiescan scan` per site; the scan without the
visitor (`--interaction none --dwell 0`), for what interaction and dwell cost; a 4x larger
site against the base one. Prints wall time, the ratio to the floor, CPU seconds per process
kind (Python, Playwright driver, browser, renderers, GPU, utility), the renderers started and
the peak PSS of the process tree; asserts nothing. ``--repeat`` shows the median of several.

    python benchmarks/multi_site.py --concurrency 4 --repeat 3
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from scanner.demo.server import LocalSite
from scanner.pipeline.sites import states_at_once

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


KINDS = ("python", "driver", "browser", "renderer", "gpu", "utility")


def process_kind(process: psutil.Process) -> str:
    """What a process of the tree is: the scan's Python, the Playwright driver (Node), the
    browser's main process, a renderer, the GPU process, or a utility (network, storage)."""
    with contextlib.suppress(psutil.Error):
        line = process.cmdline()
        name = Path(line[0]).name if line else process.name()
        if "python" in name:
            return "python"
        if name == "node":  # a browser's profile path may name Playwright: not a test
            return "driver"
        kind = next((a.split("=", 1)[1] for a in line if a.startswith("--type=")), "")
        if not kind:
            return "browser"
        return {"renderer": "renderer", "gpu-process": "gpu"}.get(kind, "utility")
    return "utility"


@dataclass(slots=True)
class Sample:
    """One measured run: wall time, CPU seconds per process kind, renderers, peak PSS."""

    wall: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    renderers: int = 0
    peak: int = 0
    visits: int = 0


class TreeMeter:
    """Samples this process's children (a scan or floor process and all it starts) in a
    thread: CPU time per process kind at each process's last sample, and peak PSS."""

    EVERY_S = 0.05
    PSS_EVERY = 5  # PSS (smaps) is costly to read: every fifth sample

    def __init__(self) -> None:
        self.sample = Sample()
        self._seen: dict[tuple[int, float], tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        tick = 0
        while not self._stop.wait(self.EVERY_S):
            children = me.children(recursive=True)
            for child in children:
                with contextlib.suppress(psutil.Error):
                    key = (child.pid, child.create_time())
                    kind = self._seen[key][0] if key in self._seen else process_kind(child)
                    times = child.cpu_times()
                    self._seen[key] = (kind, times.user + times.system)
            tick += 1
            if tick % self.PSS_EVERY == 0:
                total = 0
                for process in children:
                    with contextlib.suppress(psutil.Error):
                        total += process.memory_full_info().pss
                self.sample.peak = max(self.sample.peak, total)

    def __enter__(self) -> TreeMeter:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        for kind, cpu in self._seen.values():
            self.sample.cpu[kind] = self.sample.cpu.get(kind, 0.0) + cpu
        self.sample.renderers = sum(1 for kind, _ in self._seen.values() if kind == "renderer")


def run_processes(commands: Sequence[Sequence[str]], count_visits: Path | None) -> Sample:
    """Run ``commands`` one after another under one meter; the sample (visits: from the
    floor's printed count, or from the reports under ``count_visits``)."""
    visits = 0
    with TreeMeter() as meter:
        started = time.perf_counter()
        for command in commands:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode not in ((0,) if count_visits is None else (0, 1)):
                raise SystemExit(f"{command[1:4]} exited {done.returncode}: {done.stderr[-900:]}")
            if count_visits is None:
                visits += int(done.stdout.split()[-1])
        meter.sample.wall = time.perf_counter() - started
    if count_visits is not None:
        for report in count_visits.rglob("latest/report.json"):
            visits += report.read_text("utf-8").count('"waited_settle"')
        shutil.rmtree(count_visits, ignore_errors=True)
    meter.sample.visits = visits
    return meter.sample


def median_sample(samples: list[Sample]) -> Sample:
    """The median of each figure (peak PSS: the highest)."""
    return Sample(
        statistics.median(s.wall for s in samples),
        {k: statistics.median(s.cpu.get(k, 0.0) for s in samples) for k in KINDS},
        int(statistics.median(s.renderers for s in samples)),
        max(s.peak for s in samples),
        samples[-1].visits,
    )


def report(label: str, samples: list[Sample], floor: Sample | None) -> Sample:
    """Print one line of figures (median of ``samples``); the median sample."""
    m = median_sample(samples)
    walls = [s.wall for s in samples]
    spread = f" ({min(walls):5.1f}-{max(walls):5.1f})" if len(samples) > 1 else ""
    ratio = f"{m.wall / floor.wall:5.2f}x floor" if floor else "   (floor)"
    cpu = " ".join(f"{m.cpu.get(k, 0.0):5.1f}" for k in KINDS)
    print(
        f"{label:<44} {m.visits:>4} {m.wall:7.2f} s{spread} {ratio} | {cpu} "
        f"| {sum(m.cpu.values()):6.1f} | {m.renderers:>4} | {m.peak / 2**20:6.0f} MiB",
        flush=True,
    )
    return m


def main() -> None:
    """Build the sites, run every measurement, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--scale", type=int, default=4, help="the larger site is this many x")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the median is shown")
    parser.add_argument("--only", default="", help="comma-separated labels' first words")
    args = parser.parse_args()
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
            resolve = [f"--resolve={rule}" for rule in site.resolve_rules]
            base = [f"--concurrency={args.concurrency}", "--ignore-https-errors", *resolve]
            base += ["--format", "json"]
            common = [*base, "--max-pages", str(PAGES)]
            still = [*common, "--interaction=none", "--dwell=0"]
            larger = [*base, "--max-pages", str(PAGES * args.scale)]
            urls = {n: [site.url(hosts[n], p) for p in _paths(PAGES)] for n in names}
            all_urls = Path(tmp) / "all.json"
            all_urls.write_text(json.dumps(urls))
            one_urls = {}
            for n in names:
                one_urls[n] = Path(tmp) / f"{n}.json"
                one_urls[n].write_text(json.dumps({n: urls[n]}))
            python = sys.executable
            floor_script = str(Path(__file__).with_name("floor.py"))
            floor_common = [f"--concurrency={args.concurrency}", *resolve]
            at_once = f"--states-at-once={states_at_once()}"

            def scan(extra: list[str], where: str) -> list[str]:
                return [python, "-m", "scanner", "scan", "--out", str(out / where), *extra]

            runs: dict[str, tuple[list[list[str]], Path | None]] = {
                "floor, all sites in one run": (
                    [[python, floor_script, str(all_urls), *floor_common, at_once]],
                    None,
                ),
                "floor + visitor steps, all sites in one run": (
                    [[python, floor_script, str(all_urls), *floor_common, at_once, "--visitor"]],
                    None,
                ),
                "scan --sites": (
                    [scan(["--sites", str(sites_file), *common], "sites")],
                    out / "sites",
                ),
                "scan --sites, no visitor": (
                    [scan(["--sites", str(sites_file), *still], "still")],
                    out / "still",
                ),
                "floor, one launch per site": (
                    [[python, floor_script, str(one_urls[n]), *floor_common] for n in names],
                    None,
                ),
                "floor + visitor steps, one launch per site": (
                    [
                        [python, floor_script, str(one_urls[n]), *floor_common, "--visitor"]
                        for n in names
                    ],
                    None,
                ),
                "scan, one per site": (
                    [scan(["--declared", str(declared[n]), *common], f"one/{n}") for n in names],
                    out / "one",
                ),
                "scan, one per site, no visitor": (
                    [scan(["--declared", str(declared[n]), *still], f"one/{n}") for n in names],
                    out / "one",
                ),
                f"one site, {PAGES} pages": (
                    [scan(["--declared", str(declared["vanilla"]), *common], "small")],
                    out / "small",
                ),
                f"one site, {PAGES * args.scale} pages": (
                    [scan(["--declared", str(declared["large"]), *larger], "large")],
                    out / "large",
                ),
            }
            only = {w for w in args.only.split(",") if w}
            chosen = {k: v for k, v in runs.items() if not only or k.split()[0].strip(",") in only}
            samples: dict[str, list[Sample]] = {label: [] for label in chosen}
            for _ in range(args.repeat):  # interleaved: a slow spell hits every figure alike
                for label, (commands, counted) in chosen.items():
                    samples[label].append(run_processes(commands, counted))
            print(
                f"{len(names)} sites x {PAGES} pages x 3 states, concurrency {args.concurrency}, "
                f"{at_once}, median of {args.repeat}\n"
                f"{'':<44} visits wall            ratio      | CPU s: "
                + " ".join(f"{k[:5]:>5}" for k in KINDS)
                + " |  total | rend | peak PSS"
            )
            floors = {
                "scan --sites": "floor, all sites in one run",
                "scan --sites, no visitor": "floor, all sites in one run",
                "scan, one per site": "floor, one launch per site",
                "scan, one per site, no visitor": "floor, one launch per site",
            }
            # The scan with its visitor against the floor that takes the same steps.
            stepped = {
                "scan --sites": "floor + visitor steps, all sites in one run",
                "scan, one per site": "floor + visitor steps, one launch per site",
            }
            medians: dict[str, Sample] = {}
            for label in chosen:
                against = medians.get(floors.get(label, ""))
                medians[label] = report(label, samples[label], against)
            for label, floor_label in stepped.items():
                if label in medians and floor_label in medians:
                    ratio = medians[label].wall / medians[floor_label].wall
                    print(f"{label}: {ratio:.2f}x the floor that takes the visitor's steps")
            small, large = f"one site, {PAGES} pages", f"one site, {PAGES * args.scale} pages"
            if small in medians and large in medians:
                times = medians[large].wall / medians[small].wall
                print(f"{args.scale}x larger site takes {times:.2f}x the time")


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
