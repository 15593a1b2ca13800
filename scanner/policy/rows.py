"""The rows of the policy comparison: where each name is found, and the status that says so."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fnmatch import fnmatchcase

from scanner.declared.matching import is_glob
from scanner.declared.storage_types import COOKIE
from scanner.model import CookieDeclaration, StorageDeclaration
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
    """One cookie name (or storage key, ``type`` not ``cookie``) and where it was found."""

    name: str
    in_policy: bool
    declared: bool
    observed: bool | None
    status: Status
    detail: str = ""
    type: str = COOKIE


def covers(pattern: str, name: str) -> bool:
    """Whether a listed name or glob covers a cookie name (case-sensitive)."""
    return pattern == name or (is_glob(pattern) and fnmatchcase(name, pattern))


def in_policy(policy: Policy, name: str, kind: str = COOKIE) -> PolicyCookie | None:
    """The policy entry of the type whose name (first) or glob covers ``name``."""
    entries = [c for c in policy.cookies if c.type == kind]
    exact = next((c for c in entries if c.name == name), None)
    return exact or next((c for c in entries if covers(c.name, name)), None)


def status_of(in_policy: bool, declared: bool, observed: bool | None) -> Status:
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


def row(
    name: str,
    kind: str,
    entry: PolicyCookie | None,
    declared: CookieDeclaration | StorageDeclaration | None,
    seen: bool | None,
) -> Row:
    """The row of one name: where it is, and whether policy and declaration disagree."""
    status = status_of(entry is not None, declared is not None, seen)
    detail = ""
    if entry and declared and entry.category and entry.category is not declared.category:
        status = Status.CATEGORY_DIFFERS
        detail = f"policy: {entry.category.value}, declared: {declared.category.value}"
    return Row(name, entry is not None, declared is not None, seen, status, detail, kind)
