"""`cookiescan scan --sites`: many sites in one run, a failing site does not stop the others."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner.cli import main
from scanner.crawl.browser.launch import launch_profile
from scanner.demo.server import LocalSite

pytestmark = pytest.mark.browser

SITES = Path(__file__).parent.parent / "sites"
SITES_FILE = """\
- name: No banner
  urls: [https://www.nobanner.test/]
  declared: {root}/nobanner/expected_cookies.yaml
- name: Multistep
  declared: {root}/multistep/expected_cookies.yaml
- name: Broken
  urls: [https://www.nobanner.test/]
  declared: {root}/missing.yaml
"""


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSite]:
    """The nobanner and multistep fixture sites, served together on one loopback port."""
    root = tmp_path_factory.mktemp("two-sites")
    for name in ("nobanner", "multistep"):
        for host in (SITES / name).iterdir():
            if host.is_dir():
                (root / host.name).symlink_to(host)
    with LocalSite(root) as site:
        yield site


LAUNCHES: list[Path] = []


@pytest.fixture(scope="module")
def run(two_sites: LocalSite, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    out = tmp_path_factory.mktemp("out")
    sites = out.parent / "sites.yaml"
    sites.write_text(SITES_FILE.format(root=SITES), encoding="utf-8")
    resolve = [a for rule in two_sites.resolve_rules for a in ("--resolve", rule)]
    formats = ["--format", "json", "--format", "html"]
    crawl = ["--max-pages", "3", "--ignore-https-errors", "--settle", "1", *resolve]

    async def counted(playwright: Any, options: Any, user_data_dir: Path) -> Any:
        LAUNCHES.append(user_data_dir)
        return await launch_profile(playwright, options, user_data_dir)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("scanner.crawl.browser.shared.launch_profile", counted)
        code = main(["scan", "--sites", str(sites), "--out", str(out), *formats, *crawl])
    return code, out


def test_the_sites_states_share_one_browser_launch(run: tuple[int, Path]) -> None:
    _, out = run
    states = [
        s for slug in ("no-banner", "multistep")
        for s in json.loads(next((out / slug).glob("*/report.json")).read_text("utf-8"))["states"]
    ]  # fmt: skip
    assert len(states) == 6 and all(s["observations"] for s in states)
    assert len(LAUNCHES) == 1, "every state of every site is a context of one browser"


def summary(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "summary.json").read_text("utf-8"))
    return data


def test_every_site_is_scanned_and_the_exit_code_is_the_worst(run: tuple[int, Path]) -> None:
    code, out = run
    data = summary(out)
    by_slug = {s["slug"]: s for s in data["sites"]}
    assert [s["slug"] for s in data["sites"]] == ["no-banner", "multistep", "broken"]
    assert by_slug["broken"]["status"] == "config error" and by_slug["broken"]["report"] is None
    assert "declarations file not found" in by_slug["broken"]["error"]
    for slug in ("no-banner", "multistep"):
        site = by_slug[slug]
        assert site["error"] is None and site["pages"] > 0
        assert site["report"].startswith(f"{slug}/")
        assert (out / site["report"] / "report.json").is_file()
    assert code == data["exit_code"] == max(s["exit_code"] for s in data["sites"]) == 2


def test_each_site_is_judged_against_its_own_declared_file(run: tuple[int, Path]) -> None:
    _, out = run
    for slug, site in (("no-banner", "www.nobanner.test"), ("multistep", "www.multistep.test")):
        report = json.loads(next((out / slug).glob("*/report.json")).read_text("utf-8"))
        assert site in report["declarations"]["site"]
        assert {o["url"].split("/")[2] for s in report["states"] for o in s["observations"]} == {
            site
        }


def test_the_index_links_every_site_report(run: tuple[int, Path]) -> None:
    _, out = run
    index = (out / "index.html").read_text("utf-8")
    assert "no-banner/" in index and "multistep/" in index
