"""The portfolio for people: summary.json, the page for the privacy team and summary.md.

The page and summary.md are in the portfolio's report language (``report_language``: the
scanned run's, or ``merge --report-language``); summary.json keeps the scanner's words.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scanner.i18n import DEFAULT_LANGUAGE, N_, UnknownLanguage, normalize
from scanner.report.formats.markdown import md
from scanner.report.portfolio.merge import SUMMARY
from scanner.report.text.atomic import write_atomic
from scanner.report.text.l10n import Words
from scanner.report.text.templating import assets, environment

PAGE = "index.html"
MARKDOWN = "summary.md"
SEVERITIES = ("high", "medium", "low", "info")
HEADS = (N_("Site"), N_("Verdict"), N_("Findings"))


def write_portfolio(out: Path, portfolio: Mapping[str, Any]) -> tuple[Path, Path]:
    """Write ``out/summary.json``, the page ``out/index.html`` and ``out/summary.md``."""
    out.mkdir(parents=True, exist_ok=True)
    summary = out / SUMMARY
    write_atomic(summary, json.dumps(portfolio, indent=2, sort_keys=True) + "\n")
    page = out / PAGE
    write_atomic(page, render_portfolio(portfolio))
    write_atomic(out / MARKDOWN, render_portfolio_markdown(portfolio))
    return summary, page


def language_of(portfolio: Mapping[str, Any]) -> str:
    """The portfolio's report language (English when it names none, or one not shipped)."""
    try:
        return normalize(str(portfolio.get("report_language") or DEFAULT_LANGUAGE))
    except UnknownLanguage:
        return DEFAULT_LANGUAGE


def render_portfolio_markdown(portfolio: Mapping[str, Any]) -> str:
    """The portfolio as a Markdown table (a CI job summary)."""
    w = Words(language_of(portfolio))
    title = w(N_("cookiescan portfolio: exit code %(code)s"), code=int(portfolio["exit_code"]))
    lines = [f"### {title}", ""]
    for shard in portfolio["shards"]:
        if shard["status"] != "done":
            where = shard["index"] or md(str(shard["folder"]))
            status = md(w.term(str(shard["status"])), 40)
            lines.append("- " + w(N_("shard %(shard)s: %(status)s"), shard=where, status=status))
    heads = [*(w(h) for h in HEADS), *(w.term(s) for s in SEVERITIES), w(N_("Since last scan"))]
    lines += ["", "| " + " | ".join(heads) + " |", "|---" * len(heads) + "|"]
    lines += [_site_row(site, w) for site in portfolio["sites"]]
    return "\n".join(lines) + "\n"


def _site_row(site: Mapping[str, Any], w: Words) -> str:
    sev = site["findings"]["by_severity"]
    counts = " | ".join(w.num(int(sev.get(s, 0))) for s in SEVERITIES)
    change = site["changes"] or {}
    since = (
        w(N_("%(new)s new, %(resolved)s resolved"), new=w.num(change["new"]),
          resolved=w.num(change["resolved"]))
        if change
        else ""
    )  # fmt: skip
    status = md(w.term(str(site["status"])), 40)
    total = w.num(int(site["findings"]["total"]))
    return f"| {md(str(site['name']))} | {status} | {total} | {counts} | {since} |"


def render_portfolio(portfolio: Mapping[str, Any]) -> str:
    """The portfolio page: every site, its verdict, counts, changes and report link."""
    template = environment(language_of(portfolio)).get_template("portfolio.html.j2")
    kinds = sorted({k for s in portfolio["sites"] for k in s["findings"]["by_kind"]})
    return template.render(portfolio=portfolio, kinds=kinds, **assets())
