"""The storage part of the policy comparison: keys by type in policy, declarations and scan."""

from __future__ import annotations

from scanner.declared.matching import match_storage
from scanner.knowledge.domains import host_of
from scanner.model import Declarations, ScanResult, StorageDeclaration, StorageKind
from scanner.policy.model import Policy
from scanner.policy.rows import Row, covers, in_policy, row

Item = tuple[str, str]  # (type, key)


def storage_rows(
    policy: Policy, declarations: Declarations, result: ScanResult | None
) -> list[Row]:
    """One row per (type, key) a policy lists, the declarations declare or the scan saw."""
    records = [s for state in (result.states if result else ()) for s in state.storage()]
    observed = {(s.kind.declared_type, s.key): host_of(s.origin) for s in records}
    items = list(dict.fromkeys((c.type, c.name) for c in policy.cookies if c.type != "cookie"))
    items += [i for d in declarations.storage if (i := (d.kind.declared_type, d.name)) not in items]
    items += [i for i in observed if i not in items]
    rows = []
    for kind_name, name in items:
        declared = _declared(declarations, (kind_name, name), observed.get((kind_name, name), ""))
        seen = None
        if result is not None:
            seen = any(t == kind_name and covers(name, key) for t, key in observed)
        rows.append(row(name, kind_name, in_policy(policy, name, kind_name), declared, seen))
    return rows


def _declared(declarations: Declarations, item: Item, host: str) -> StorageDeclaration | None:
    """The declaration covering an observed key, else the one declaring that very name."""
    kind = next((k for k in StorageKind if k.declared_type == item[0]), None)
    found = match_storage(declarations, kind, item[1], host) if kind else None
    same = (d for d in declarations.storage if (d.kind.declared_type, d.name) == item)
    return found or next(same, None)
