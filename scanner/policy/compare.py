"""Three-way comparison of a published policy, the declared list and what a scan observed."""

from __future__ import annotations

from scanner.declared.matching import match_cookie
from scanner.declared.storage_types import COOKIE
from scanner.model import Declarations, ScanResult
from scanner.policy.compare_storage import storage_rows
from scanner.policy.model import Policy
from scanner.policy.rows import Row, Status, covers, in_policy, row

__all__ = ["Row", "Status", "compare", "covers", "differences"]


def compare(
    policy: Policy, declarations: Declarations, result: ScanResult | None = None
) -> list[Row]:
    """One row per name (cookies, then storage keys) in any source; ``observed`` is ``None``
    without a scan."""
    cookies = _cookie_rows(policy, declarations, result)
    return [*cookies, *storage_rows(policy, declarations, result)]


def _cookie_rows(
    policy: Policy, declarations: Declarations, result: ScanResult | None
) -> list[Row]:
    observed = {c.name: c.domain for s in (result.states if result else ()) for c in s.cookies()}
    names = list(dict.fromkeys([c.name for c in policy.cookies if c.type == COOKIE]))
    names += [d.name for d in declarations.cookies if d.name not in names]
    names += [n for n in observed if n not in names]
    rows = []
    for name in names:
        entry = in_policy(policy, name)
        declared = match_cookie(declarations, name, observed.get(name, ""))
        declared = declared or next((d for d in declarations.cookies if d.name == name), None)
        seen = None if result is None else any(covers(name, o) for o in observed)
        rows.append(row(name, COOKIE, entry, declared, seen))
    return rows


def differences(rows: list[Row]) -> list[Row]:
    """The rows that are not in agreement."""
    return [r for r in rows if r.status is not Status.EVERYWHERE]
