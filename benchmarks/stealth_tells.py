"""Benchmark: which automation tells a site can still see in the scanner's browser.

Serves the detector site (tests/sites/stealth: FingerprintJS BotD, the checks behind
puppeteer-extra-plugin-stealth's evasions, the DevTools Runtime.enable leak, in the page, a
cross-site iframe and a dedicated worker), scans it with cookiescan in each consent state
and prints, per mode, the tells each place reported. Needs `make cmp-fixtures` (BotD).
Loopback only; asserts nothing.

    python benchmarks/stealth_tells.py                  # headless, local launch
    python benchmarks/stealth_tells.py --remote         # also through --browser-endpoint
    xvfb-run -a python benchmarks/stealth_tells.py --headed
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from remote_chromium import remote_chromium  # noqa: E402

from scanner.crawl.options import BrowserOptions, CrawlSettings  # noqa: E402
from scanner.declared.loader import load_declarations  # noqa: E402
from scanner.demo.server import LocalSite  # noqa: E402
from scanner.model import DEFAULT_STATES, ConsentState  # noqa: E402
from scanner.pipeline.progress import ScanProgress  # noqa: E402
from scanner.pipeline.run import run_scan  # noqa: E402
from scanner.settings.config import ScanConfig  # noqa: E402

SITE = ROOT / "tests" / "sites" / "stealth"
BOTD = ROOT / "tests" / "cmp-packages" / "node_modules" / "@fingerprintjs" / "botd" / "dist"
HOST = "www.botcheck.test"
DETECTOR_HOSTS = (HOST, "www.botframe.test")
PLACES = ("page", "iframe", "worker", "page-late")


@contextmanager
def detector_site() -> Iterator[LocalSite]:
    """The detector site with the pinned BotD copied next to its pages."""
    if not (BOTD / "botd.esm.js").is_file():
        raise SystemExit("BotD is not installed: run 'make cmp-fixtures'")
    with tempfile.TemporaryDirectory(prefix="cookiescan-stealth-") as tmp:
        root = Path(tmp)
        shutil.copytree(SITE, root, dirs_exist_ok=True)
        for host in DETECTOR_HOSTS:
            shutil.copyfile(BOTD / "botd.esm.js", root / host / "botd.esm.js")
        with LocalSite(root) as site:
            yield site


def scan(site: LocalSite, state: ConsentState, endpoint: str | None, headless: bool) -> None:
    """One scan of the detector site's home page in ``state``."""
    config = ScanConfig(
        targets=(site.url(HOST, "/"),),
        declarations=load_declarations(site.root / "expected_cookies.yaml"),
        out_dir=Path("unused"),
        states=(state,),
        crawl=CrawlSettings(max_pages=1, depth=0, settle_s=3.0, banner_wait_s=1.0),
        browser=BrowserOptions(
            resolve=site.resolve_rules,
            ignore_https_errors=True,
            endpoint=endpoint or "",
            headless=headless,
        ),
    )
    asyncio.run(run_scan(config, ScanProgress()))


def verdicts(site: LocalSite) -> dict[str, str]:
    """Place -> the tells it reported (``human`` when none), from the /verdict beacons."""
    found: dict[str, str] = {}
    for request in site.requests:
        if request.path == "/verdict":
            query = parse_qs(request.query)
            place = query.get("where", ["?"])[0]
            tells = query.get("tells", [""])[0]
            verdict = "bot" if query.get("human") == ["0"] else "human"
            found[place] = f"{verdict}: {tells or '-'}"
    return found


def measure(mode: str, endpoint: str | None, site: LocalSite, headless: bool) -> None:
    """Scan in every state and print one row per state and place."""
    for state in DEFAULT_STATES:
        site.clear_requests()
        scan(site, state, endpoint, headless)
        seen = verdicts(site)
        tracker = any(r.host == "px.trackco.test" for r in site.requests)
        for place in PLACES:
            print(f"| {mode} | {state.value} | {place} | {seen.get(place, 'no report')} |")
        print(f"| {mode} | {state.value} | trackers shown | {'yes' if tracker else 'no'} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--remote", action="store_true", help="also scan through an endpoint")
    parser.add_argument("--headed", action="store_true", help="launch headed (needs a display)")
    args = parser.parse_args(argv)
    print("| mode | state | place | verdict: tells |\n|---|---|---|---|")
    with detector_site() as site:
        mode = "headed" if args.headed else "headless"
        measure(f"local {mode}", None, site, not args.headed)
        if args.remote:
            with remote_chromium(site) if args.remote else nullcontext() as endpoint:
                measure("remote headless", endpoint, site, True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
