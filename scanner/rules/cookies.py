"""Cookie rules: undeclared, unclassified, miscategorized, before consent, after reject."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.judge.verdicts import CONSENT_CATEGORIES
from scanner.model import Basis, Category, Confidence, ConsentState, Finding, Party, Phase
from scanner.model.findings import finding
from scanner.rules.context import (
    RuleContext,
    before_consent,
    cookie_evidence,
    cookie_subject,
    cookies_of,
    first_per_cookie,
)

# Declared categories a well-known analytics / advertising cookie must not be filed under.
LENIENT_CATEGORIES = frozenset({Category.NECESSARY, Category.FUNCTIONAL})


def undeclared_cookie(ctx: RuleContext) -> Iterator[Finding]:
    """Cookies set that no declaration covers, with what the knowledge base says of them."""
    pairs = ((r, c) for r, c in cookies_of(ctx) if ctx.cookie_declaration(c) is None)
    for (name, domain), (result, cookie, states) in first_per_cookie(pairs).items():
        verdict = ctx.cookie_verdict(cookie)
        known = f"; known: {verdict.vendor or 'unknown vendor'}, {verdict.category.value}"
        yield finding(
            "undeclared_cookie",
            result.state,
            cookie.page_url,
            cookie_subject(cookie),
            f"Cookie '{name}' ({cookie.party.value} party"
            f"{known if verdict.basis is Basis.KNOWN else ''}) is set but not declared.",
            [*cookie_evidence(cookie), *verdict.evidence(), ("states", ", ".join(states))],
            cookie_name=name,
            cookie_domain=domain,
        )


def unclassified_cookie(ctx: RuleContext) -> Iterator[Finding]:
    """Undeclared first-party cookies the knowledge base does not know: for review."""
    pairs = (
        (r, c)
        for r, c in cookies_of(ctx)
        if c.party is Party.FIRST and ctx.cookie_verdict(c).basis is Basis.UNCLASSIFIED
    )
    for (name, domain), (result, cookie, states) in first_per_cookie(pairs).items():
        yield finding(
            "unclassified_cookie",
            result.state,
            cookie.page_url,
            cookie_subject(cookie),
            f"First-party cookie '{name}' is neither declared nor known; "
            "review whether it needs consent.",
            [
                *cookie_evidence(cookie),
                *ctx.cookie_verdict(cookie).evidence(),
                ("states", ", ".join(states)),
            ],
            cookie_name=name,
            cookie_domain=domain,
        )


def miscategorized_cookie(ctx: RuleContext) -> Iterator[Finding]:
    """Declarations filing a well-known analytics / advertising cookie as necessary/functional.

    Only confident facts count: an exact-name entry, not a prefix.
    """
    pairs = (
        (r, c)
        for r, c in cookies_of(ctx)
        if (d := ctx.cookie_declaration(c)) is not None and d.category in LENIENT_CATEGORIES
    )
    for (name, domain), (result, cookie, _states) in first_per_cookie(pairs).items():
        known = ctx.cookie_known(cookie)
        declared = ctx.cookie_declaration(cookie)
        if known is None or known.confidence is Confidence.LOW or declared is None:
            continue
        if known.category not in CONSENT_CATEGORIES:
            continue
        yield finding(
            "miscategorized_cookie",
            result.state,
            cookie.page_url,
            cookie_subject(cookie),
            f"Cookie '{name}' is declared {declared.category.value}, but it is known as "
            f"{known.category.value} ({known.vendor or 'unknown vendor'}).",
            [
                ("declared_category", declared.category.value),
                ("known_vendor", known.vendor or "unknown"),
                ("known_category", known.category.value),
                ("classification_source", known.source),
                ("party", cookie.party.value),
            ],
            cookie_name=name,
            cookie_domain=domain,
            declaration_line=declared.line,
        )


def cookie_before_consent(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary cookies present before any consent choice."""
    pairs = (
        (r, c)
        for r, c in cookies_of(ctx)
        if before_consent(r, c.phase) and ctx.cookie_non_necessary(c)
    )
    for (name, domain), (result, cookie, states) in first_per_cookie(pairs).items():
        declared = ctx.cookie_declaration(cookie)
        yield finding(
            "cookie_before_consent",
            result.state,
            cookie.page_url,
            cookie_subject(cookie),
            f"Non-necessary cookie '{name}' was set before the visitor made a consent choice.",
            [
                *cookie_evidence(cookie),
                *ctx.cookie_verdict(cookie).evidence(),
                ("states", ", ".join(states)),
            ],
            cookie_name=name,
            cookie_domain=domain,
            declaration_line=declared.line if declared else None,
        )


def cookie_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary cookies written after "reject all"."""
    pairs = (
        (r, c)
        for r, c in cookies_of(ctx, (ConsentState.REJECT,))
        if r.consent.applied and c.phase is Phase.AFTER_CONSENT and ctx.cookie_non_necessary(c)
    )
    for (name, domain), (result, cookie, _states) in first_per_cookie(pairs).items():
        declared = ctx.cookie_declaration(cookie)
        yield finding(
            "cookie_after_reject",
            result.state,
            cookie.page_url,
            cookie_subject(cookie),
            f"Non-necessary cookie '{name}' was written after the visitor rejected cookies.",
            [*cookie_evidence(cookie), *ctx.cookie_verdict(cookie).evidence()],
            cookie_name=name,
            cookie_domain=domain,
            declaration_line=declared.line if declared else None,
        )
