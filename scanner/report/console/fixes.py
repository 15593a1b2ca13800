"""``--output fixes``: the fix list as plain lines, one block per tag, header or vendor."""

from __future__ import annotations

from scanner.report.console.plain import quoted
from scanner.report.context import ReportContext
from scanner.report.context.fixes import FixGroup

NAME_CHARS = 300
PAGES_SHOWN = 5


def fix_lines(ctx: ReportContext) -> list[str]:
    """``FIX <label>`` then indented states, kinds, pages and the gate, for every group."""
    lines: list[str] = []
    for group in ctx.fixes:
        lines += _group_lines(group)
    if not lines:
        lines.append("No findings to fix.")
    return lines


def _group_lines(group: FixGroup) -> list[str]:
    pages = [quoted(p, 200) for p in group.pages[:PAGES_SHOWN]]
    more = f" and {len(group.pages) - PAGES_SHOWN} more" if len(group.pages) > PAGES_SHOWN else ""
    lines = [
        f"FIX {group.culprit} {quoted(group.name, NAME_CHARS)} findings={len(group.findings)}",
        f"  states: {', '.join(s.value for s in group.states) or '-'}",
        f"  kinds: {', '.join(group.kinds)}",
    ]
    if pages:
        lines.append(f"  pages: {', '.join(pages)}{more}")
    if group.needs_gate:
        lines.append(f"  gate: {group.gate()}")
    return lines
