"""Benchmark: a portfolio of local sites scanned as 1, 2 and 4 shards running side by side.

Each shard is its own `cookiescan scan --sites FILE --shard K/N` process (as a CI matrix job
would be), all started at once on this machine; then `cookiescan merge` joins them. Prints the
wall time per shard count, the runner-seconds per site (shards x wall time / sites: what a CI
matrix bills per site, which should stay flat) and the merge time; asserts nothing.

    python benchmarks/shards.py --sites 8
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from multi_site import CMP_SITES, PAGES, build_sites

from scanner.demo.server import LocalSite

BIN = Path(sys.executable).parent / "cookiescan"


def _sites_file(tmp: Path, site: LocalSite, hosts: dict[str, str], count: int) -> Path:
    """``count`` sites cycling over the benchmark's hosts, each its own declared file."""
    names = [n for n in hosts if n != "large"]
    lines = []
    for n in range(count):
        host = hosts[names[n % len(names)]]
        declared = tmp / f"declared-{n}.yaml"
        declared.write_text(f"site: {site.url(host, '/')}\n", encoding="utf-8")
        lines.append(f"- name: site {n:02d} {names[n % len(names)]}\n  declared: {declared}\n")
    path = tmp / "sites.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def run_shards(sites: Path, count: int, out: Path, common: list[str]) -> float:
    """Start ``count`` shard processes at once; the wall time until the last one ends."""
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [
                str(BIN),
                "scan",
                "--sites",
                str(sites),
                "--shard",
                f"{k}/{count}",
                "--out",
                str(out / f"shard-{k}"),
                "--format",
                "json",
                "--format",
                "html",
                *common,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for k in range(1, count + 1)
    ]
    for process in processes:
        process.wait()
    return time.perf_counter() - started


def main() -> None:
    """Build the sites, scan them as 1, 2 and 4 shards, merge each, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=2, help="pages at once per shard")
    parser.add_argument("--shards", default="1,2,4")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        hosts = build_sites(tmp / "sites", PAGES)
        with LocalSite(tmp / "sites") as site:
            sites = _sites_file(tmp, site, hosts, args.sites)
            common = [f"--concurrency={args.concurrency}", "--ignore-https-errors"]
            common += [f"--resolve={rule}" for rule in site.resolve_rules]
            common += ["--max-pages", str(PAGES)]
            print(
                f"{args.sites} sites (from {len(CMP_SITES) + 2} kinds) x {PAGES} pages x 3 "
                f"states, {args.concurrency} pages at once per shard, {os.cpu_count()} cores"
            )
            for count in (int(n) for n in args.shards.split(",")):
                out = tmp / f"run-{count}"
                wall = run_shards(sites, count, out, common)
                started = time.perf_counter()
                merged = subprocess.run(
                    [
                        str(BIN),
                        "merge",
                        *sorted(map(str, out.glob("shard-*"))),
                        "--out",
                        str(out / "portfolio"),
                    ],
                    stdout=subprocess.DEVNULL,
                    check=False,
                )
                merge = time.perf_counter() - started
                print(
                    f"{count} shard(s) side by side: {wall:7.1f} s wall, "
                    f"{count * wall / args.sites:6.1f} runner-s per site, "
                    f"{wall / args.sites:5.1f} s per site, merge {merge:4.1f} s "
                    f"(exit {merged.returncode})",
                    flush=True,
                )


if __name__ == "__main__":
    main()
