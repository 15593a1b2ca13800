"""The portfolio for people: summary.json, the page for the privacy team and summary.md."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scanner.report.formats.markdown import md
from scanner.report.portfolio.merge import SUMMARY
from scanner.report.text.atomic import write_atomic
from scanner.report.text.templating import assets, environment

PAGE = "index.html"
MARKDOWN = "summary.md"


def write_portfolio(out: Path, portfolio: Mapping[str, Any]) -> tuple[Path, Path]:
    """Write ``out/summary.json``, the page ``out/index.html`` and ``out/summary.md``."""
    out.mkdir(parents=True, exist_ok=True)
    summary = out / SUMMARY
    write_atomic(summary, json.dumps(portfolio, indent=2, sort_keys=True) + "\n")
    page = out / PAGE
    write_atomic(page, render_portfolio(portfolio))
    write_atomic(out / MARKDOWN, render_portfolio_markdown(portfolio))
    return summary, page


def render_portfolio_markdown(portfolio: Mapping[str, Any]) -> str:
    """The portfolio as a Markdown table (a CI job summary)."""
    lines = [f"### cookiescan portfolio: exit code {portfolio['exit_code']}", ""]
    for shard in portfolio["shards"]:
        if shard["status"] != "done":
            lines.append(f"- shard {shard['index'] or md(str(shard['folder']))}: {shard['status']}")
    lines += ["", "| site | verdict | findings | high | medium | low | info | since last |"]
    lines.append("|---|---|---|---|---|---|---|---|")
    for site in portfolio["sites"]:
        sev = site["findings"]["by_severity"]
        counts = " | ".join(str(sev.get(s, 0)) for s in ("high", "medium", "low", "info"))
        change = site["changes"] or {}
        since = f"{change['new']} new, {change['resolved']} resolved" if change else ""
        lines.append(
            f"| {md(str(site['name']))} | {md(str(site['status']))} | "
            f"{site['findings']['total']} | {counts} | {since} |"
        )
    return "\n".join(lines) + "\n"


def render_portfolio(portfolio: Mapping[str, Any]) -> str:
    """The portfolio page: every site, its verdict, counts, changes and report link."""
    template = environment().get_template("portfolio.html.j2")
    kinds = sorted({k for s in portfolio["sites"] for k in s["findings"]["by_kind"]})
    return template.render(portfolio=portfolio, kinds=kinds, **assets())
