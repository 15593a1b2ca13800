"""Three-way comparison of a published policy, the declared list and what a scan observed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fnmatch import fnmatchcase

from scanner.declared.matching import is_glob, match_cookie
from scanner.model import Declarations, ScanResult
from scanner.policy.model import Policy, PolicyCookie


class Status(StrEnum):
    """Where a cookie name appears; every status but ``EVERYWHERE`` is a difference."""

    EVERYWHERE = "in policy, declared and observed"
    POLICY_AND_DECLARED = "in policy and declared, not observed"
    POLICY_ONLY = "in policy only: not declared"
    DECLARED_ONLY = "declared only: not in policy"
    NOT_IN_POLICY = "declared and observed, not in policy"
    NOT_DECLARED = "in policy and observed, not declared"
    OBSERVED_ONLY = "observed only: in neither"
    CATEGORY_DIFFERS = "category differs between policy and declarations"


@dataclass(frozen=True, slots=True)
class Row:
    """One cookie name and where it was found."""

    name: str
    in_policy: bool
    declared: bool
    observed: bool | None
    status: Status
    detail: str = ""


def covers(pattern: str, name: str) -> bool:
    """Whether a listed name or glob covers a cookie name (case-sensitive)."""
    return pattern == name or (is_glob(pattern) and fnmatchcase(name, pattern))


def _in_policy(policy: Policy, name: str) -> PolicyCookie | None:
    """The policy entry whose name (first) or glob covers ``name``."""
    exact = next((c for c in policy.cookies if c.name == name), None)
    return exact or next((c for c in policy.cookies if covers(c.name, name)), None)


def _status(in_policy: bool, declared: bool, observed: bool | None) -> Status:
    table = {
        (True, True, True): Status.EVERYWHERE,
        (True, True, False): Status.POLICY_AND_DECLARED,
        (True, True, None): Status.EVERYWHERE,
        (True, False, True): Status.NOT_DECLARED,
        (False, True, True): Status.NOT_IN_POLICY,
        (False, True, False): Status.DECLARED_ONLY,
        (False, True, None): Status.DECLARED_ONLY,
        (False, False, True): Status.OBSERVED_ONLY,
    }
    return table.get((in_policy, declared, observed), Status.POLICY_ONLY)


def compare(
    policy: Policy, declarations: Declarations, result: ScanResult | None = None
) -> list[Row]:
    """One row per name in any source; ``observed`` is ``None`` without a scan."""
    observed = {c.name: c.domain for s in (result.states if result else ()) for c in s.cookies()}
    names = list(dict.fromkeys([c.name for c in policy.cookies]))
    names += [d.name for d in declarations.cookies if d.name not in names]
    names += [n for n in observed if n not in names]
    rows = []
    for name in names:
        entry = _in_policy(policy, name)
        declared = match_cookie(declarations, name, observed.get(name, ""))
        declared = declared or next((d for d in declarations.cookies if d.name == name), None)
        seen = None if result is None else any(covers(name, o) for o in observed)
        status = _status(entry is not None, declared is not None, seen)
        detail = ""
        if entry and declared and entry.category and entry.category is not declared.category:
            status = Status.CATEGORY_DIFFERS
            detail = f"policy: {entry.category.value}, declared: {declared.category.value}"
        rows.append(Row(name, entry is not None, declared is not None, seen, status, detail))
    return rows


def differences(rows: list[Row]) -> list[Row]:
    """The rows that are not in agreement."""
    return [r for r in rows if r.status is not Status.EVERYWHERE]
