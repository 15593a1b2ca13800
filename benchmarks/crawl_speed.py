"""Benchmark: pages per second per consent state and peak memory, against a bare Playwright loop.

Generates an N-page local HTTPS site (first party, a CDN and a tracker), scans it with
cookiescan in each consent state, then visits the same pages with a bare Playwright loop at
the same concurrency. Prints figures; asserts nothing. Loopback only.

    python benchmarks/crawl_speed.py --pages 60 --concurrency 3
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import threading
import time
from pathlib import Path

import psutil
from floor import floor

from scanner.crawl.browser.locate import find_browser
from scanner.crawl.options import BrowserOptions, CrawlSettings
from scanner.demo.server import LocalSite
from scanner.model import ConsentControls, ConsentState, Declarations
from scanner.pipeline.progress import ScanProgress
from scanner.pipeline.run import run_scan
from scanner.settings.config import ScanConfig

HOST = "www.bench.test"
BANNER = """<div id="banner" role="dialog" style="position:fixed;bottom:0">We use cookies.
<button id="yes" onclick="document.cookie='c=1;max-age=99';this.parentNode.remove()">Accept all
</button><button id="no" onclick="document.cookie='c=0;max-age=99';this.parentNode.remove()">
Reject all</button></div>"""


def page_html(index: int, pages: int) -> str:
    """One generated page linking to the next few pages."""
    links = "".join(
        f'<a href="/p{(index + k) % pages}">page {(index + k) % pages}</a> ' for k in range(1, 6)
    )
    return (
        f"<!doctype html><title>Page {index}</title>"
        '<link rel="stylesheet" href="https://cdn.benchcdn.test/s.css">'
        '<script src="https://t.benchtracker.test/t.js"></script>'
        f"<h1>Page {index}</h1><p>{'Lorem ipsum dolor sit amet. ' * 40}</p>{links}{BANNER}"
    )


def build_site(root: Path, pages: int) -> None:
    """Write the generated site under ``root``."""
    site = root / HOST
    site.mkdir(parents=True)
    (site / "index.html").write_text(page_html(0, pages), encoding="utf-8")
    for i in range(pages):
        (site / f"p{i}.html").write_text(page_html(i, pages), encoding="utf-8")
    (site / "_routes.yaml").write_text(
        '/:\n  headers:\n    Set-Cookie: ["sid={rand}; Path=/; HttpOnly; Secure"]\n',
        encoding="utf-8",
    )
    cdn = root / "cdn.benchcdn.test"
    cdn.mkdir()
    (cdn / "s.css").write_text("body{font-family:sans-serif}", encoding="utf-8")
    tracker = root / "t.benchtracker.test"
    tracker.mkdir()
    (tracker / "t.js").write_text(
        "document.cookie='_bt=1;max-age=63072000;path=/';"
        "new Image().src='https://t.benchtracker.test/hit?u='+encodeURIComponent(location.href);",
        encoding="utf-8",
    )
    (tracker / "_routes.yaml").write_text(
        '/hit:\n  status: 204\n  headers:\n    Set-Cookie: ["bt_uid={rand}; Max-Age=31536000; '
        'Path=/; Secure; SameSite=None"]\n',
        encoding="utf-8",
    )


class PeakMemory:
    """Samples the RSS of this process and all its children (the browsers) in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = me.memory_info().rss
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


async def bare_loop(site: LocalSite, pages: int, concurrency: int, executable: str) -> int:
    """The isolation floor of one state (benchmarks/floor.py: a fresh context, a tab per
    visit, networkidle, same concurrency, nothing recorded)."""
    urls = [site.url(HOST, "/")] + [site.url(HOST, f"/p{i}") for i in range(pages - 1)]
    options = BrowserOptions(executable, resolve=site.resolve_rules, ignore_https_errors=True)
    return await floor({HOST: urls}, options, concurrency, 1, rounds=1)


def scan_state(
    site: LocalSite, state: ConsentState, pages: int, concurrency: int, interaction: str = "full"
) -> int:
    """Scan one state (``interaction``: the visitor level); the number of pages visited."""
    config = ScanConfig(
        targets=(site.url(HOST, "/"),),
        declarations=Declarations(consent=ConsentControls(("#yes",), ("#no",))),
        out_dir=Path("unused"),
        states=(state,),
        crawl=CrawlSettings(
            max_pages=pages, depth=pages, concurrency=concurrency, interaction=interaction
        ),
        browser=BrowserOptions(resolve=site.resolve_rules, ignore_https_errors=True),
    )
    result = asyncio.run(run_scan(config, ScanProgress()))
    return sum(len(s.observations) for s in result.states)


def timed(label: str, run: object) -> float:
    """Run, then print pages/s and peak memory; the seconds it took."""
    with PeakMemory() as memory:
        started = time.perf_counter()
        count = run()  # type: ignore[operator]
        elapsed = time.perf_counter() - started
    print(
        f"{label:<22} {count:>5} pages  {elapsed:7.2f} s  {count / elapsed:6.2f} pages/s  "
        f"peak RSS {memory.peak / 2**20:7.1f} MiB"
    )
    return elapsed


def main() -> None:
    """Build the site, run every measurement, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=3)
    args = parser.parse_args()
    executable = find_browser(None, None).path
    with tempfile.TemporaryDirectory() as root:
        build_site(Path(root), args.pages)
        with LocalSite(Path(root)) as site:
            print(f"{args.pages} pages, concurrency {args.concurrency}, browser {executable}")
            took = {
                state: timed(
                    f"cookiescan {state.value}",
                    lambda s=state: scan_state(site, s, args.pages, args.concurrency),
                )
                for state in ConsentState
            }
            # Back to back, both warm: the none state as a visitor, and standing still.
            full = timed(
                "cookiescan none again",
                lambda: scan_state(site, ConsentState.NONE, args.pages, args.concurrency),
            )
            still = timed(
                "cookiescan none, still",
                lambda: scan_state(site, ConsentState.NONE, args.pages, args.concurrency, "none"),
            )
            cost = full - still
            print(
                f"interaction cost (none state, --interaction full vs none): {cost:+.2f} s, "
                f"{cost / args.pages:+.3f} s a page ({100 * cost / still:+.0f} %); "
                f"{took[ConsentState.ACCEPT]:.2f} s for accept"
            )
            timed(
                "isolation floor, one state",
                lambda: asyncio.run(bare_loop(site, args.pages, args.concurrency, executable)),
            )


if __name__ == "__main__":
    main()
