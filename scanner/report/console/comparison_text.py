"""A baseline comparison for people (terminal) and for machines (comparison.json)."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.text import Text

from scanner.report.context.comparison import Comparison, ItemChange, Status, comparison_dict
from scanner.report.text.atomic import write_atomic
from scanner.report.text.safe_text import clean

COMPARISON_FILE = "comparison.json"
MAX_LISTED = 50


def comparison_json(comparison: Comparison) -> str:
    """The comparison as JSON text."""
    return json.dumps(comparison_dict(comparison), indent=2, sort_keys=True, ensure_ascii=False)


def write_comparison(folder: Path, comparison: Comparison) -> Path:
    """Write comparison.json (findings by status, items appeared / disappeared) into folder."""
    path = folder / COMPARISON_FILE
    write_atomic(path, comparison_json(comparison) + "\n")
    return path


def print_comparison(comparison: Comparison, console: Console) -> None:
    """The comparison for people: counts, then new and resolved findings and changed items."""
    c = comparison.counts()
    console.print(
        Text.assemble(
            ("Compared with baseline: ", "bold"),
            (f"{c['new']} new", "bold red" if c["new"] else "green"),
            f" · {c['unchanged']} unchanged · ",
            (f"{c['resolved']} resolved", "green"),
        )
    )
    for status in (Status.NEW, Status.RESOLVED):
        for f in comparison.with_status(status)[:MAX_LISTED]:
            state = str(f.state or "all states")
            line = f"  {status:<8} {f.severity:<6} {f.kind} · {state} · {clean(f.subject, 120)}"
            console.print(Text(line))
    changes = (
        ("Cookies appeared", comparison.cookies_appeared),
        ("Cookies disappeared", comparison.cookies_disappeared),
        ("Third parties appeared", comparison.third_parties_appeared),
        ("Third parties disappeared", comparison.third_parties_disappeared),
    )
    for label, items in changes:
        if items:
            console.print(Text.assemble((f"{label}: ", "bold"), _items(items)))


def _items(items: tuple[ItemChange, ...]) -> str:
    shown = ", ".join(clean(i.subject, 120) for i in items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")
