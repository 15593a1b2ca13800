"""Lifetime rules: longer than declared, longer than 13 months (what the site asked for)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from scanner.model import CookieRecord, Finding, StateResult
from scanner.model.durations import format_duration
from scanner.model.findings import finding
from scanner.rules.context import RuleContext, cookie_evidence, cookie_subject, cookies_of

LIFETIME_TOLERANCE = 86_400  # a day of slack for clock skew between Date and Expires

Limit = Callable[[CookieRecord], tuple[int, int | None] | None]


def _longest(ctx: RuleContext) -> dict[tuple[str, str], tuple[StateResult, CookieRecord]]:
    """The sighting of each (name, domain) that asked for the longest lifetime."""
    longest: dict[tuple[str, str], tuple[StateResult, CookieRecord]] = {}
    for result, cookie in cookies_of(ctx):
        key = (cookie.name, cookie.domain)
        best = longest.get(key)
        if cookie.lifetime_requested is not None and (
            best is None or cookie.lifetime_requested > (best[1].lifetime_requested or 0)
        ):
            longest[key] = (result, cookie)
    return longest


def _lifetime_findings(ctx: RuleContext, kind: str, limit_of: Limit) -> Iterator[Finding]:
    """Cookies whose requested lifetime exceeds a limit (limit, declaration line)."""
    for result, cookie in _longest(ctx).values():
        limit = limit_of(cookie)
        asked = cookie.lifetime_requested or 0
        if limit is None or asked <= limit[0] + LIFETIME_TOLERANCE:
            continue
        yield finding(
            kind,
            result.state,
            cookie.page_url,
            cookie_subject(cookie),
            f"Cookie '{cookie.name}' asks to live {format_duration(asked)}; "
            f"the limit is {format_duration(limit[0])}.",
            [
                *cookie_evidence(cookie),
                ("limit", format_duration(limit[0])),
                ("raw_expiry", cookie.raw_expiry or "from the browser's jar"),
            ],
            cookie_name=cookie.name,
            cookie_domain=cookie.domain,
            declaration_line=limit[1],
        )


def lifetime_exceeds_declared(ctx: RuleContext) -> Iterator[Finding]:
    """Cookies asking for a longer lifetime than their declared max_age."""

    def declared_limit(cookie: CookieRecord) -> tuple[int, int | None] | None:
        declared = ctx.cookie_declaration(cookie)
        if declared is None or declared.max_age is None:
            return None
        return declared.max_age, declared.line

    return _lifetime_findings(ctx, "lifetime_exceeds_declared", declared_limit)


def lifetime_over_13_months(ctx: RuleContext) -> Iterator[Finding]:
    """Cookies asking to live longer than the regulators' 13 months."""

    def limit(cookie: CookieRecord) -> tuple[int, int | None] | None:
        declared = ctx.cookie_declaration(cookie)
        return ctx.max_lifetime, declared.line if declared else None

    return _lifetime_findings(ctx, "lifetime_over_13_months", limit)
