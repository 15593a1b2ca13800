"""The consent rule sets a scan has: the scanner's own CMP rules and the autoconsent bundle."""

from __future__ import annotations

import os

from scanner.consent.autoconsent import (
    ENV,
    OFF_WORDS,
    RULES,
    SCRIPT,
    SHIPPED,
    find_autoconsent,
    load_bundle,
)
from scanner.consent.cmp_rules import load_cmp_rules


def rule_sets() -> tuple[str, ...]:
    """One line per rule set a scan would use, with its count, version and where it comes from."""
    own = f"cookiescan CMP rules: {len(load_cmp_rules())} consent managers (cmp_rules.yaml)"
    return (own, _autoconsent())


def _autoconsent() -> str:
    path = find_autoconsent()
    if path is None:
        off = os.environ.get(ENV, "").lower() in OFF_WORDS
        if off:
            return f"autoconsent rules: off ({ENV})"
        if (SHIPPED / RULES).is_file() and not (SHIPPED / SCRIPT).is_file():
            return (
                f"autoconsent rules: none usable (the shipped copy in {SHIPPED} lacks {SCRIPT}; "
                "`cookiescan setup` installs the bundle with npm)"
            )
        return "autoconsent rules: none found (`cookiescan setup` installs them with npm)"
    bundle = load_bundle(path)
    where = (
        "the copy shipped with cookiescan" if path.resolve() == SHIPPED else f"installed in {path}"
    )
    version = bundle.version or "unknown version"
    return (
        f"autoconsent rules: {len(bundle.rules)} rules, @duckduckgo/autoconsent {version}, {where}"
    )
