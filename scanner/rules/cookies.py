"""Cookie rules: undeclared, unclassified, miscategorized, before consent, after reject."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from scanner.judge.verdicts import CONSENT_CATEGORIES
from scanner.model import (
    Basis,
    Category,
    Confidence,
    ConsentState,
    CookieRecord,
    Finding,
    Party,
    Phase,
    StateResult,
)
from scanner.model.findings import finding
from scanner.rules.context import (
    RuleContext,
    after_reject,
    before_consent,
    cookie_evidence,
    cookie_subject,
    cookies_of,
    first_per_cookie,
)
from scanner.rules.implied import implied_evidence

# Declared categories a well-known analytics / advertising cookie must not be filed under.
LENIENT_CATEGORIES = frozenset({Category.NECESSARY, Category.FUNCTIONAL})


def undeclared_cookie(ctx: RuleContext) -> Iterator[Finding]:
    """Cookies set that no declaration covers, with what the knowledge base says of them.

    An unknown first-party one is reported once, as ``unclassified_cookie`` (one finding per
    fact); this rule covers the known and the third-party ones.
    """
    pairs = (
        (r, c)
        for r, c in cookies_of(ctx)
        if ctx.cookie_declaration(c) is None and not _unclassified(ctx, c)
    )
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


def _unclassified(ctx: RuleContext, cookie: CookieRecord) -> bool:
    """An undeclared first-party cookie the knowledge base does not know."""
    return cookie.party is Party.FIRST and ctx.cookie_verdict(cookie).basis is Basis.UNCLASSIFIED


def unclassified_cookie(ctx: RuleContext) -> Iterator[Finding]:
    """Undeclared first-party cookies the knowledge base does not know: declare them, after
    review (this finding also stands for ``undeclared_cookie``: its evidence says so)."""
    pairs = ((r, c) for r, c in cookies_of(ctx) if _unclassified(ctx, c))
    for (name, domain), (result, cookie, states) in first_per_cookie(pairs).items():
        yield finding(
            "unclassified_cookie",
            result.state,
            cookie.page_url,
            cookie_subject(cookie),
            f"First-party cookie '{name}' is neither declared nor known; "
            "review whether it needs consent, then declare it.",
            [
                *cookie_evidence(cookie),
                *ctx.cookie_verdict(cookie).evidence(),
                ("declared", "no (also an undeclared cookie)"),
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


def _non_necessary_cookies(
    ctx: RuleContext,
    kind: str,
    when: Callable[[StateResult, Phase], bool],
    message: str,
    with_states: bool,
) -> Iterator[Finding]:
    """Non-necessary cookies written ``when``, one finding per (name, domain)."""
    pairs = ((r, c) for r, c in cookies_of(ctx) if when(r, c.phase) and ctx.cookie_non_necessary(c))
    for (name, domain), (result, cookie, states) in first_per_cookie(pairs).items():
        declared = ctx.cookie_declaration(cookie)
        seen_in = [("states", ", ".join(states))] if with_states else []
        yield finding(
            kind,
            result.state,
            cookie.page_url,
            cookie_subject(cookie),
            message.format(name=name),
            [
                *cookie_evidence(cookie),
                *ctx.cookie_verdict(cookie).evidence(),
                *seen_in,
                *implied_evidence(ctx, result.state, cookie.page_url, cookie.setter_url),
            ],
            cookie_name=name,
            cookie_domain=domain,
            declaration_line=declared.line if declared else None,
        )


def cookie_before_consent(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary cookies present before any consent choice."""
    message = "Non-necessary cookie '{name}' was set before the visitor made a consent choice."
    return _non_necessary_cookies(ctx, "cookie_before_consent", before_consent, message, True)


def cookie_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary cookies written after "reject all", or written before it and kept."""
    yield from _kept_after_reject(ctx)
    message = "Non-necessary cookie '{name}' was written after the visitor rejected cookies."
    yield from _non_necessary_cookies(ctx, "cookie_after_reject", after_reject, message, False)


def _kept_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary cookies written before the choice and kept, unchanged, after "reject"."""
    for result in ctx.states:
        if result.state is not ConsentState.REJECT or not result.consent.applied:
            continue
        records = {c.key: c for c in result.cookies() if c.phase is Phase.BEFORE_CONSENT}
        for kept in result.kept_cookies:
            cookie = records.get(kept.key)
            if cookie is None or not ctx.cookie_non_necessary(cookie):
                continue
            declared = ctx.cookie_declaration(cookie)
            sent = ", ".join(kept.sent_on) or "no later request seen"
            page = kept.sent_on[0] if kept.sent_on else kept.set_on
            yield finding(
                "cookie_after_reject", result.state, page,
                cookie_subject(cookie),
                f"Non-necessary cookie '{cookie.name}' was written before the choice and kept "
                "after the visitor rejected cookies.",
                [*cookie_evidence(cookie), *ctx.cookie_verdict(cookie).evidence(),
                 ("kept_from_before_choice", f"written on {kept.set_on}, not rewritten after"),
                 ("value_unchanged", f"same value digest {kept.value_digest}"),
                 ("still_sent_on", sent),
                 ("deletion_attempts", ", ".join(kept.deletion_attempts) or "none")],
                cookie_name=cookie.name, cookie_domain=cookie.domain,
                declaration_line=declared.line if declared else None,
            )  # fmt: skip
