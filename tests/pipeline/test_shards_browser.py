"""scan --sites --shard K/N and merge: two shards of six sites equal one run, site by site."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner.cli import main
from scanner.demo.server import LocalSite

pytestmark = pytest.mark.browser

CMPS = Path(__file__).parent.parent / "sites" / "cmps"
SHOPS = ("cookiebot", "onetrust", "didomi", "klaro", "usercentrics", "cookieyes")


@pytest.fixture(scope="module")
def cmps_site() -> Iterator[LocalSite]:
    with LocalSite(CMPS) as site:
        yield site


@pytest.fixture(scope="module")
def runs(cmps_site: LocalSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One run of the six sites, and the same sites as shards 1/2 and 2/2, then merged."""
    root = tmp_path_factory.mktemp("portfolio")
    sites = root / "sites.yaml"
    declared = CMPS / "expected_cookies.yaml"
    sites.write_text(
        "".join(
            f"- name: {shop.title()} shop\n  urls: [https://www.{shop}-shop.test/]\n"
            f"  declared: {declared}\n"
            for shop in SHOPS
        ),
        encoding="utf-8",
    )
    resolve = [a for rule in cmps_site.resolve_rules for a in ("--resolve", rule)]
    common = ["--sites", str(sites), "--format", "json", "--format", "html", "--max-pages", "2"]
    common += ["--depth", "1", "--settle", "1", "--banner-wait", "3", "--ignore-https-errors"]
    common += resolve
    outs = {name: root / name for name in ("single", "s1", "s2", "merged")}
    main(["scan", *common, "--out", str(outs["single"])])
    main(["scan", *common, "--shard", "1/2", "--out", str(outs["s1"])])
    main(["scan", *common, "--shard", "2/2", "--out", str(outs["s2"])])
    outs["code"] = Path(
        str(main(["merge", str(outs["s1"]), str(outs["s2"]), "--out", str(outs["merged"])]))
    )
    return outs


def _json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def single_findings(out: Path) -> dict[str, list[list[str]]]:
    found = {}
    for site in _json(out / "summary.json")["sites"]:
        report = _json(out / site["report"] / "report.json")
        found[site["slug"]] = sorted(
            [f["kind"], f["state"] or "", f["subject"]] for f in report["findings"]
        )
    return found


def test_two_shards_merged_equal_one_run_site_by_site(runs: dict[str, Path]) -> None:
    merged = _json(runs["merged"] / "summary.json")
    s1 = _json(runs["s1"] / "shard.json")
    s2 = _json(runs["s2"] / "shard.json")
    assert sorted(s1["sites"] + s2["sites"]) == sorted(f"{shop}-shop" for shop in SHOPS)
    assert len(s1["sites"]) == len(s2["sites"]) == 3
    assert merged["complete"] and [s["status"] for s in merged["shards"]] == ["done", "done"]
    assert {s["slug"]: s["finding_ids"] for s in merged["sites"]} == single_findings(runs["single"])
    assert any(s["finding_ids"] for s in merged["sites"])
    single = _json(runs["single"] / "summary.json")
    assert int(str(runs["code"])) == merged["exit_code"] == single["exit_code"]
    page = (runs["merged"] / "index.html").read_text("utf-8")
    for site in merged["sites"]:
        assert (runs["merged"] / site["report"]).is_file()
        assert site["report"] in page


def test_a_missing_shard_is_reported_never_silently_absent(
    runs: dict[str, Path], tmp_path: Path
) -> None:
    code = main(["merge", str(runs["s1"]), "--out", str(tmp_path / "one")])
    merged = _json(tmp_path / "one" / "summary.json")
    assert code == 3 and not merged["complete"]
    assert [(s["index"], s["status"]) for s in merged["shards"]] == [(1, "done"), (2, "missing")]
    missing = {s["slug"] for s in merged["sites"] if s["status"] == "missing"}
    assert missing == set(_json(runs["s2"] / "shard.json")["sites"])
    assert "Incomplete" in (tmp_path / "one" / "index.html").read_text("utf-8")


def test_a_killed_shard_is_reported(runs: dict[str, Path], tmp_path: Path) -> None:
    killed = tmp_path / "s2"
    shutil.copytree(runs["s2"], killed)
    manifest = _json(killed / "shard.json")
    # What a shard leaves when killed mid-run: the manifest written at its start, no summary.
    (killed / "shard.json").write_text(json.dumps(manifest | {"status": "running"}), "utf-8")
    (killed / "summary.json").unlink()
    code = main(["merge", str(runs["s1"]), str(killed), "--out", str(tmp_path / "m")])
    merged = _json(tmp_path / "m" / "summary.json")
    assert code == 3
    assert [s["status"] for s in merged["shards"]] == ["done", "killed"]
    assert {s["slug"] for s in merged["sites"] if s["status"] == "missing"} == set(
        manifest["sites"]
    )


def test_baseline_shows_what_changed(runs: dict[str, Path], tmp_path: Path) -> None:
    baseline = _json(runs["merged"] / "summary.json")
    first = baseline["sites"][0]
    had = 1 if first["finding_ids"] else 0
    first["finding_ids"] = [*first["finding_ids"][1:], ["made_up", "", "x"]]
    (tmp_path / "old.json").write_text(json.dumps(baseline), "utf-8")
    out = tmp_path / "again"
    main(
        [
            "merge",
            str(runs["s1"]),
            str(runs["s2"]),
            "--out",
            str(out),
            "--baseline",
            str(tmp_path / "old.json"),
        ]
    )
    site = next(s for s in _json(out / "summary.json")["sites"] if s["slug"] == first["slug"])
    assert site["changes"] == {"site": "kept", "new": had, "resolved": 1}
