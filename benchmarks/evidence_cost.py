"""Benchmark: what each part of the evidence costs, against the isolation floor.

The six sites of benchmarks/multi_site.py, scanned as one ``--sites`` run: the whole scan, then
the scan with one collector left out at a time (and without the visitor's interaction and
dwell), each as a process of its own; the isolation floor (benchmarks/floor.py) in the same run.
Prints wall time and CPU seconds per process kind, and what leaving each part out saves; asserts
nothing. A collector is left out by starting the scan through this script with
``--without NAME`` (the scan itself has no such switch: every signal is evidence).

    python benchmarks/evidence_cost.py --repeat 3
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from multi_site import (
    KINDS,
    PAGES,
    Sample,
    _declared_files,
    _paths,
    build_sites,
    median_sample,
    run_processes,
)

from scanner.demo.server import LocalSite
from scanner.pipeline.sites import states_at_once

LEFT_OUT = (
    "interaction",
    "keystrokes",
    "storage",
    "beacons",
    "websockets",
    "fingerprinting",
    "session_recording",
    "api_calls",
    "timers",
    "requests",
)


def scan_without(names: list[str], argv: list[str]) -> None:
    """Run ``cookiescan`` with ``argv`` and without the collectors ``names``."""
    from scanner.cli import main as cookiescan
    from scanner.crawl.record import recorder, registry

    everything = registry.default_collectors

    def fewer(*args: object) -> list[object]:
        return [c for c in everything(*args) if c.name not in names]  # type: ignore[arg-type]

    recorder.default_collectors = fewer  # type: ignore[assignment]
    raise SystemExit(cookiescan(argv))


def main() -> None:
    """Build the sites, run every variant, print the figures."""
    if sys.argv[1:2] == ["--run"]:
        names, argv = sys.argv[2].split(",") if sys.argv[2] else [], sys.argv[3:]
        scan_without(names, argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    python, me = sys.executable, str(Path(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "sites", Path(tmp) / "out"
        hosts = build_sites(root, PAGES)
        hosts.pop("large")
        with LocalSite(root) as site:
            declared = _declared_files(Path(tmp), site, hosts)
            sites_file = Path(tmp) / "sites.yaml"
            sites_file.write_text(
                "".join(f"- name: {n}\n  declared: {declared[n]}\n" for n in hosts)
            )
            resolve = [f"--resolve={rule}" for rule in site.resolve_rules]
            common = [f"--concurrency={args.concurrency}", "--ignore-https-errors", *resolve]
            common += ["--max-pages", str(PAGES), "--format", "json", "--sites", str(sites_file)]
            urls = Path(tmp) / "urls.json"
            urls.write_text(
                json.dumps({n: [site.url(h, p) for p in _paths(PAGES)] for n, h in hosts.items()})
            )
            floor = [python, str(Path(__file__).with_name("floor.py")), str(urls)]
            floor += [f"--concurrency={args.concurrency}", *resolve]
            floor.append(f"--states-at-once={states_at_once()}")

            def scan(without: str, extra: tuple[str, ...] = ()) -> list[list[str]]:
                where = str(out / (without or "all"))
                return [[python, me, "--run", without, "scan", "--out", where, *common, *extra]]

            runs: dict[str, tuple[list[list[str]], Path | None]] = {
                "floor": ([floor], None),
                "scan": (scan(""), out / "all"),
                "scan, no dwell": (scan("", ("--dwell=0",)), out / "all"),
            }
            for name in LEFT_OUT:
                runs[f"scan without {name}"] = (scan(name), out / name)
            samples: dict[str, list[Sample]] = {label: [] for label in runs}
            for _ in range(args.repeat):
                for label, (commands, counted) in runs.items():
                    samples[label].append(run_processes(commands, counted))
            medians = {label: median_sample(s) for label, s in samples.items()}
            whole = medians["scan"]
            print(
                f"{len(hosts)} sites x {PAGES} pages x 3 states, concurrency {args.concurrency}, "
                f"median of {args.repeat}\n{'':<30} visits   wall  ratio | CPU s: "
                + " ".join(f"{k[:5]:>5}" for k in KINDS)
                + " |  total | saves wall, CPU"
            )
            for label, m in medians.items():
                cpu = sum(m.cpu.values())
                saves = ""
                if label != "scan":
                    saves = (
                        f"{whole.wall - m.wall:+6.1f} s, {sum(whole.cpu.values()) - cpu:+6.1f} s"
                    )
                ratio = m.wall / medians["floor"].wall
                print(
                    f"{label:<30} {m.visits:>5} {m.wall:6.1f} {ratio:5.2f}x | "
                    + " ".join(f"{m.cpu.get(k, 0.0):5.1f}" for k in KINDS)
                    + f" | {cpu:6.1f} | {saves}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
