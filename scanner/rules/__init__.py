"""Finding rules: one small pure function per finding kind, over the records of a scan."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from scanner.model import Finding
from scanner.model.findings import sort_findings
from scanner.rules.beyond import BEYOND_RULES
from scanner.rules.consent import CONSENT_RULES
from scanner.rules.context import THIRTEEN_MONTHS, RuleContext
from scanner.rules.cookies import (
    cookie_after_reject,
    cookie_before_consent,
    miscategorized_cookie,
    unclassified_cookie,
    undeclared_cookie,
)
from scanner.rules.coverage import consent_not_applied, declared_not_observed, page_failed
from scanner.rules.design_policy import DESIGN_RULES
from scanner.rules.gpc import gpc_ignored
from scanner.rules.gpc_accept import gpc_overridden_by_accept
from scanner.rules.implied import consent_inferred_from_interaction
from scanner.rules.lifetimes import (
    LIFETIME_TOLERANCE,
    lifetime_exceeds_declared,
    lifetime_over_13_months,
)
from scanner.rules.requests import (
    tracker_request_after_reject,
    tracker_request_before_consent,
    undeclared_third_party,
)
from scanner.rules.storage import STORAGE_RULES

__all__ = ["LIFETIME_TOLERANCE", "RULES", "THIRTEEN_MONTHS", "RuleContext", "evaluate"]

Rule = Callable[[RuleContext], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    undeclared_cookie,
    unclassified_cookie,
    miscategorized_cookie,
    undeclared_third_party,
    cookie_before_consent,
    tracker_request_before_consent,
    cookie_after_reject,
    tracker_request_after_reject,
    lifetime_exceeds_declared,
    lifetime_over_13_months,
    declared_not_observed,
    consent_not_applied,
    page_failed,
    *CONSENT_RULES,
    *DESIGN_RULES,
    gpc_ignored,
    gpc_overridden_by_accept,
    *BEYOND_RULES,
    *STORAGE_RULES,
    consent_inferred_from_interaction,
)


def evaluate(ctx: RuleContext) -> tuple[Finding, ...]:
    """Every finding of every rule, in a stable order."""
    return sort_findings(f for rule in RULES for f in rule(ctx))
