"""Merging shard outputs into one portfolio: every site's reports copied, one summary of them."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scanner.errors import ConfigError, ExitCode
from scanner.i18n import DEFAULT_LANGUAGE, N_, UnknownLanguage, normalize
from scanner.report.context.counts import severity_counts
from scanner.report.formats.json_report import load_report

PORTFOLIO_VERSION = 1
MANIFEST = "shard.json"
SUMMARY = "summary.json"
# Words summary.json keeps (shard and site statuses, what changed); the pages translate them.
WORDS = (
    N_("done"), N_("running"), N_("missing"), N_("no manifest"), N_("killed"),
    N_("no summary"), N_("removed"), N_("added"), N_("kept"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ShardOutput:
    """One shard's folder as found: its manifest and run summary (``None`` when absent)."""

    folder: Path
    manifest: Mapping[str, Any] | None
    summary: Mapping[str, Any] | None


def read_shard(folder: Path) -> ShardOutput:
    """Read ``folder``'s shard.json and summary.json; unreadable files count as absent."""
    return ShardOutput(folder, _json(folder / MANIFEST), _json(folder / SUMMARY))


def _json(path: Path) -> Mapping[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def merge_shards(
    shards: Sequence[ShardOutput],
    out: Path,
    baseline: Mapping[str, Any] | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Copy every site's report folder into ``out`` untouched; the portfolio summary.

    Shards 1..N (N from the manifests) that are absent, unfinished or without a summary are
    listed as such, and the sites they should have covered appear as ``missing``. The
    portfolio's report language is ``language``, else the run's (the shards' summaries).
    """
    count = max((int(s.manifest.get("count", 0)) for s in shards if s.manifest), default=0)
    count = max(count, len(shards))
    by_index = {int(s.manifest["index"]): s for s in shards if s.manifest}
    shard_rows = [_shard_row(k, by_index.get(k)) for k in range(1, count + 1)]
    shard_rows += [_shard_row(None, s) for s in shards if not s.manifest]
    sites: dict[str, dict[str, Any]] = {}
    for shard in shards:
        for site in (shard.summary or {}).get("sites", []):
            sites[site["slug"]] = _site_row(shard, site, out)
    expected = _expected(shards)
    for slug, index in expected.items():
        if slug not in sites:
            sites[slug] = _missing_site(slug, index)
    rows = sorted(sites.values(), key=lambda s: (str(s["name"]).lower(), s["slug"]))
    _compare(rows, baseline)
    failed = any(r["status"] != "done" for r in shard_rows)
    worst = max([r["exit_code"] for r in rows] + [int(ExitCode.SCAN_FAILED) if failed else 0])
    return {
        "schema_version": PORTFOLIO_VERSION,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "exit_code": worst,
        "complete": not failed and all(r["status"] != "missing" for r in rows),
        "shards": shard_rows,
        "sites": rows,
        "baseline": baseline is not None,
        "report_language": language or run_language(shards),
    }


def run_language(shards: Sequence[ShardOutput]) -> str:
    """The report language the shards' run was written in (English when none says)."""
    for shard in shards:
        try:
            return normalize(str((shard.summary or {})["report_language"]))
        except (KeyError, UnknownLanguage):
            continue
    return DEFAULT_LANGUAGE


def _shard_row(index: int | None, shard: ShardOutput | None) -> dict[str, Any]:
    manifest = (shard.manifest if shard else None) or {}
    if shard is None:
        status = "missing"
    elif not manifest:
        status = "no manifest"
    elif shard.summary is None or manifest.get("status") == "running":
        status = "killed" if manifest.get("status") == "running" else "no summary"
    else:
        status = str(manifest.get("status", "done"))
    return {
        "index": index,
        "folder": str(shard.folder) if shard else None,
        "status": status,
        "sites": list(manifest.get("sites", [])),
        "scanner_version": manifest.get("scanner_version"),
        "browser": manifest.get("browser"),
        "started_at": manifest.get("started_at"),
        "seconds": manifest.get("seconds"),
        "exit_code": manifest.get("exit_code"),
    }


def _expected(shards: Sequence[ShardOutput]) -> dict[str, int | None]:
    """Every site the portfolio should have, with the shard that covers it when known."""
    expected: dict[str, int | None] = {}
    for shard in shards:
        for slug in (shard.manifest or {}).get("portfolio_sites", []):
            expected.setdefault(slug, None)
    for shard in shards:
        manifest = shard.manifest or {}
        for slug in manifest.get("sites", []):
            expected[slug] = int(manifest["index"])
    return expected


def _site_row(shard: ShardOutput, site: Mapping[str, Any], out: Path) -> dict[str, Any]:
    """One site of a shard summary, its report folder copied to ``out``."""
    report = site.get("report")
    kinds: dict[str, int] = {}
    identities: list[list[str]] = []
    if report:
        source = shard.folder / report
        shutil.copytree(source.parent, out / Path(report).parent, dirs_exist_ok=True)
        result = load_report(source / "report.json")
        kinds = dict(sorted(Counter(f.kind for f in result.findings).items()))
        identities = sorted([list(f.identity) for f in result.findings])
        severities = {str(s): n for s, n in severity_counts(result.findings)}
    else:
        severities = dict(site.get("findings", {}).get("by_severity", {}))
    return {
        "name": site.get("name", site["slug"]),
        "slug": site["slug"],
        "shard": int(shard.manifest["index"]) if shard.manifest else None,
        "status": site.get("status"),
        "exit_code": int(site.get("exit_code", ExitCode.SCAN_FAILED)),
        "error": site.get("error"),
        "pages": site.get("pages", 0),
        "findings": {"total": len(identities), "by_severity": severities, "by_kind": kinds},
        "finding_ids": identities,
        "report": f"{report}/report.html" if report else None,
        "changes": None,
    }


def _missing_site(slug: str, shard: int | None) -> dict[str, Any]:
    where = f"shard {shard}" if shard else "an unknown shard"
    return {
        "name": slug,
        "slug": slug,
        "shard": shard,
        "status": "missing",
        "exit_code": int(ExitCode.SCAN_FAILED),
        "error": f"no result: {where} is missing or did not finish",
        "pages": 0,
        "findings": {"total": 0, "by_severity": {}, "by_kind": {}},
        "finding_ids": [],
        "report": None,
        "changes": None,
    }


def _compare(rows: list[dict[str, Any]], baseline: Mapping[str, Any] | None) -> None:
    """Fill each site's ``changes`` (new and resolved findings) against a previous portfolio."""
    if baseline is None:
        return
    before = {s["slug"]: s for s in baseline.get("sites", [])}
    for row in rows:
        old = before.get(row["slug"])
        now = {tuple(i) for i in row["finding_ids"]}
        if old is None:
            row["changes"] = {"site": "added", "new": len(now), "resolved": 0}
            continue
        then = {tuple(i) for i in old.get("finding_ids", [])}
        row["changes"] = {"site": "kept", "new": len(now - then), "resolved": len(then - now)}
    current = {r["slug"] for r in rows}
    for slug in before:
        if slug not in current:
            rows.append(_missing_site(slug, None) | {"status": "removed", "exit_code": 0})
            rows[-1]["changes"] = {"site": "removed", "new": 0, "resolved": 0}
            rows[-1]["error"] = "in the baseline portfolio, not in this one"


def load_portfolio(path: Path) -> Mapping[str, Any]:
    """A previous portfolio summary.json (or its folder), for --baseline."""
    path = path / SUMMARY if path.is_dir() else path
    data = _json(path)
    if data is None or "shards" not in data:
        raise ConfigError("not a portfolio summary.json", location=str(path))
    return data
