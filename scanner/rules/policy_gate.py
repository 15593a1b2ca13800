"""Applying the ``policy`` section: the lifetime limit for the rules, and what the team tolerates.

Tolerated findings are not dropped: they stay in the report, waived by the policy (owner
``policy``, no expiry), so they never fail a scan yet remain visible.

* ``max_lifetime`` replaces the 13-month limit of ``lifetime_over_13_months``.
* ``always_allowed_third_parties`` (domains or globs; subdomains match): findings about their
  requests and cookies are treated as about a necessary third party.
* ``allow_first_party_analytics_before_consent``: first-party analytics cookies present
  before consent are tolerated (never after "reject all").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from fnmatch import fnmatchcase

from scanner.model import Category, Finding, Party, Waiver
from scanner.rules.context import RuleContext

POLICY_OWNER = "policy"
NO_EXPIRY = "never"
ALLOWED_THIRD_PARTY_KINDS = frozenset(
    {
        "undeclared_third_party",
        "tracker_request_before_consent",
        "tracker_request_after_reject",
        "undeclared_cookie",
        "cookie_before_consent",
        "cookie_after_reject",
    }
)


def apply_policy(findings: Iterable[Finding], ctx: RuleContext) -> tuple[Finding, ...]:
    """The findings, with those the policy tolerates waived by the policy."""
    return tuple(_judge(f, ctx) for f in findings)


def _judge(item: Finding, ctx: RuleContext) -> Finding:
    """One finding, waived when a policy rule tolerates it."""
    if item.waiver is not None:
        return item
    policy = ctx.declarations.policy
    allowed = _allowed_domain(item, policy.always_allowed_third_parties)
    if allowed is not None and item.kind in ALLOWED_THIRD_PARTY_KINDS:
        reason = f"policy: always_allowed_third_parties lists '{allowed}'"
        return _waive(item, reason, ctx)
    if policy.allow_first_party_analytics_before_consent and _first_party_analytics(item, ctx):
        reason = "policy: allow_first_party_analytics_before_consent is true"
        return _waive(item, reason, ctx)
    return item


def _waive(item: Finding, reason: str, ctx: RuleContext) -> Finding:
    """The finding, waived by the policy section."""
    line = ctx.declarations.policy.line
    waiver = Waiver(item.kind, item.subject, reason, POLICY_OWNER, NO_EXPIRY, line, item.state)
    return replace(item, waiver=waiver)


def domain_allowed(domain: str, pattern: str) -> bool:
    """Whether ``domain`` is ``pattern``, a subdomain of it, or matches it as a glob."""
    domain = domain.lower().lstrip(".")
    return domain == pattern or domain.endswith("." + pattern) or fnmatchcase(domain, pattern)


def _allowed_domain(item: Finding, patterns: tuple[str, ...]) -> str | None:
    """The first always-allowed pattern covering the finding's request or cookie domain."""
    domains = [d for d in (item.request_domain, item.cookie_domain) if d]
    domains += [value for key, value in item.evidence if key == "host"]
    for pattern in patterns:
        if any(domain_allowed(d, pattern) for d in domains):
            return pattern
    return None


def _first_party_analytics(item: Finding, ctx: RuleContext) -> bool:
    """A cookie_before_consent finding about a first-party analytics cookie."""
    if item.kind != "cookie_before_consent":
        return False
    for result in ctx.states:
        for cookie in result.cookies():
            if (cookie.name, cookie.domain) == (item.cookie_name, item.cookie_domain):
                verdict = ctx.cookie_verdict(cookie)
                return cookie.party is Party.FIRST and verdict.category is Category.ANALYTICS
    return False
