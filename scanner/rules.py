"""Finding rules: one small pure function per finding kind, over the records of a scan."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from scanner.durations import format_duration
from scanner.findings import finding, sort_findings
from scanner.matching import match_cookie, match_third_party
from scanner.model import (
    Category,
    ConsentState,
    CookieDeclaration,
    CookieRecord,
    Declarations,
    Finding,
    Party,
    Phase,
    RequestRecord,
    StateResult,
    ThirdPartyDeclaration,
)

THIRTEEN_MONTHS = 34_187_400  # 13 x 30.4375 days, in seconds
LIFETIME_TOLERANCE = 86_400  # a day of slack for clock skew between Date and Expires


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What every rule reads: the declarations and each state's records."""

    declarations: Declarations
    states: tuple[StateResult, ...]
    max_lifetime: int = THIRTEEN_MONTHS

    def cookie_declaration(self, cookie: CookieRecord) -> CookieDeclaration | None:
        """The declaration covering a cookie, if any."""
        return match_cookie(self.declarations, cookie.name, cookie.domain)

    def request_declaration(self, request: RequestRecord) -> ThirdPartyDeclaration | None:
        """The third-party declaration covering a request's domain, if any."""
        return match_third_party(self.declarations, request.host, request.registrable_domain)

    def cookie_non_necessary(self, cookie: CookieRecord) -> bool:
        """Declared as non-necessary, or undeclared and third party."""
        declared = self.cookie_declaration(cookie)
        if declared is not None:
            return declared.category is not Category.NECESSARY
        return cookie.party is Party.THIRD

    def request_non_necessary(self, request: RequestRecord) -> bool:
        """A third-party request not declared as necessary."""
        if request.party is Party.FIRST:
            return False
        declared = self.request_declaration(request)
        return declared is None or declared.category is not Category.NECESSARY


def _cookie_subject(cookie: CookieRecord) -> str:
    return f"{cookie.name} @ {cookie.domain}"


def _cookie_evidence(cookie: CookieRecord) -> list[tuple[str, str]]:
    return [
        ("party", cookie.party.value),
        ("set_by", cookie.set_by.value),
        ("setter", cookie.setter_url or "unknown"),
        ("lifetime_requested", format_duration(cookie.lifetime_requested)),
        ("lifetime_stored", format_duration(cookie.lifetime_stored)),
        ("phase", cookie.phase.value),
    ]


def _request_evidence(request: RequestRecord, count: int) -> list[tuple[str, str]]:
    return [
        ("url", request.url),
        ("host", request.host),
        ("resource_type", request.resource_type),
        ("initiator", request.initiator or request.frame_url or "unknown"),
        ("requests", str(count)),
        ("phase", request.phase.value),
    ]


def _cookies(
    ctx: RuleContext, states: Iterable[ConsentState] | None = None
) -> Iterator[tuple[StateResult, CookieRecord]]:
    for result in ctx.states:
        if states is None or result.state in states:
            for cookie in result.cookies():
                yield result, cookie


def _first_per_cookie(
    pairs: Iterable[tuple[StateResult, CookieRecord]],
) -> dict[tuple[str, str], tuple[StateResult, CookieRecord, list[str]]]:
    """First sighting of each (name, domain), with every state it was seen in."""
    seen: dict[tuple[str, str], tuple[StateResult, CookieRecord, list[str]]] = {}
    for result, cookie in pairs:
        key = (cookie.name, cookie.domain)
        if key not in seen:
            seen[key] = (result, cookie, [])
        if result.state.value not in seen[key][2]:
            seen[key][2].append(result.state.value)
    return seen


def _before_consent(result: StateResult, phase: Phase) -> bool:
    return result.state is ConsentState.NONE or phase is Phase.BEFORE_CONSENT


def undeclared_cookie(ctx: RuleContext) -> Iterator[Finding]:
    """Cookies set that no declaration covers."""
    pairs = ((r, c) for r, c in _cookies(ctx) if ctx.cookie_declaration(c) is None)
    for (name, domain), (result, cookie, states) in _first_per_cookie(pairs).items():
        yield finding(
            "undeclared_cookie",
            result.state,
            cookie.page_url,
            _cookie_subject(cookie),
            f"Cookie '{name}' ({cookie.party.value} party) is set but not declared.",
            [*_cookie_evidence(cookie), ("states", ", ".join(states))],
            cookie_name=name,
            cookie_domain=domain,
        )


def cookie_before_consent(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary cookies present before any consent choice."""
    pairs = (
        (r, c)
        for r, c in _cookies(ctx)
        if _before_consent(r, c.phase) and ctx.cookie_non_necessary(c)
    )
    for (name, domain), (result, cookie, states) in _first_per_cookie(pairs).items():
        declared = ctx.cookie_declaration(cookie)
        yield finding(
            "cookie_before_consent",
            result.state,
            cookie.page_url,
            _cookie_subject(cookie),
            f"Non-necessary cookie '{name}' was set before the visitor made a consent choice.",
            [*_cookie_evidence(cookie), ("states", ", ".join(states))],
            cookie_name=name,
            cookie_domain=domain,
            declaration_line=declared.line if declared else None,
        )


def cookie_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary cookies written after "reject all"."""
    pairs = (
        (r, c)
        for r, c in _cookies(ctx, (ConsentState.REJECT,))
        if r.consent.applied and c.phase is Phase.AFTER_CONSENT and ctx.cookie_non_necessary(c)
    )
    for (name, domain), (result, cookie, _states) in _first_per_cookie(pairs).items():
        declared = ctx.cookie_declaration(cookie)
        yield finding(
            "cookie_after_reject",
            result.state,
            cookie.page_url,
            _cookie_subject(cookie),
            f"Non-necessary cookie '{name}' was written after the visitor rejected cookies.",
            _cookie_evidence(cookie),
            cookie_name=name,
            cookie_domain=domain,
            declaration_line=declared.line if declared else None,
        )


def _lifetime_findings(
    ctx: RuleContext, kind: str, limit_of: Callable[[CookieRecord], tuple[int, int | None] | None]
) -> Iterator[Finding]:
    """Cookies whose requested lifetime exceeds a limit (limit, declaration line)."""
    longest: dict[tuple[str, str], tuple[StateResult, CookieRecord]] = {}
    for result, cookie in _cookies(ctx):
        key = (cookie.name, cookie.domain)
        best = longest.get(key)
        if cookie.lifetime_requested is not None and (
            best is None or cookie.lifetime_requested > (best[1].lifetime_requested or 0)
        ):
            longest[key] = (result, cookie)
    for result, cookie in longest.values():
        limit = limit_of(cookie)
        asked = cookie.lifetime_requested or 0
        if limit is None or asked <= limit[0] + LIFETIME_TOLERANCE:
            continue
        yield finding(
            kind,
            result.state,
            cookie.page_url,
            _cookie_subject(cookie),
            f"Cookie '{cookie.name}' asks to live {format_duration(asked)}; "
            f"the limit is {format_duration(limit[0])}.",
            [
                *_cookie_evidence(cookie),
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


def declared_not_observed(ctx: RuleContext) -> Iterator[Finding]:
    """Declarations that match nothing the scan saw in any state."""
    cookies = [c for _r, c in _cookies(ctx)]
    requests = [q for s in ctx.states for q in s.requests()]
    for decl in ctx.declarations.cookies:
        solo = Declarations(cookies=(decl,))
        if not any(match_cookie(solo, c.name, c.domain) for c in cookies):
            yield finding(
                "declared_not_observed",
                None,
                None,
                decl.name,
                f"Declared cookie '{decl.name}' was not seen in any scanned state.",
                [("category", decl.category.value), ("provider", decl.provider)],
                cookie_name=decl.name,
                cookie_domain=decl.domain,
                declaration_line=decl.line,
            )
    for third in ctx.declarations.third_parties:
        solo = Declarations(third_parties=(third,))
        if not any(match_third_party(solo, q.host, q.registrable_domain) for q in requests):
            yield finding(
                "declared_not_observed",
                None,
                None,
                third.domain,
                f"Declared third party '{third.domain}' was not contacted in any scanned state.",
                [("category", third.category.value), ("provider", third.provider)],
                request_domain=third.domain,
                declaration_line=third.line,
            )


def _requests_by_domain(
    ctx: RuleContext, keep: Callable[[StateResult, RequestRecord], bool]
) -> dict[str, tuple[StateResult, RequestRecord, int]]:
    """First matching request per registrable domain, and how many matched."""
    found: dict[str, tuple[StateResult, RequestRecord, int]] = {}
    for result in ctx.states:
        for request in result.requests():
            if keep(result, request):
                first = found.get(request.registrable_domain)
                found[request.registrable_domain] = (
                    (result, request, 1) if first is None else (first[0], first[1], first[2] + 1)
                )
    return found


def undeclared_third_party(ctx: RuleContext) -> Iterator[Finding]:
    """Third-party domains contacted that no declaration covers."""

    def keep(_result: StateResult, request: RequestRecord) -> bool:
        return request.party is Party.THIRD and ctx.request_declaration(request) is None

    for domain, (result, request, count) in _requests_by_domain(ctx, keep).items():
        yield finding(
            "undeclared_third_party",
            result.state,
            request.page_url,
            domain,
            f"Third party '{domain}' was contacted but is not declared.",
            _request_evidence(request, count),
            request_domain=domain,
        )


def tracker_request_before_consent(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary third parties contacted before a consent choice."""

    def keep(result: StateResult, request: RequestRecord) -> bool:
        return _before_consent(result, request.phase) and ctx.request_non_necessary(request)

    for domain, (result, request, count) in _requests_by_domain(ctx, keep).items():
        declared = ctx.request_declaration(request)
        yield finding(
            "tracker_request_before_consent",
            result.state,
            request.page_url,
            domain,
            f"Non-necessary third party '{domain}' was contacted before any consent choice.",
            _request_evidence(request, count),
            request_domain=domain,
            declaration_line=declared.line if declared else None,
        )


def tracker_request_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary third parties contacted after "reject all"."""

    def keep(result: StateResult, request: RequestRecord) -> bool:
        return (
            result.state is ConsentState.REJECT
            and result.consent.applied
            and request.phase is Phase.AFTER_CONSENT
            and ctx.request_non_necessary(request)
        )

    for domain, (result, request, count) in _requests_by_domain(ctx, keep).items():
        declared = ctx.request_declaration(request)
        yield finding(
            "tracker_request_after_reject",
            result.state,
            request.page_url,
            domain,
            f"Non-necessary third party '{domain}' was contacted after the visitor rejected.",
            _request_evidence(request, count),
            request_domain=domain,
            declaration_line=declared.line if declared else None,
        )


def consent_not_applied(ctx: RuleContext) -> Iterator[Finding]:
    """States whose consent choice could not be made."""
    for result in ctx.states:
        if result.state is not ConsentState.NONE and not result.consent.applied:
            yield finding(
                "consent_not_applied",
                result.state,
                result.consent.page_url,
                f"{result.state.value} state",
                f"Could not apply '{result.state.value}': {result.consent.detail}. "
                "Results of this state do not show what happens after that choice.",
                [
                    ("strategy", result.consent.strategy or "none"),
                    ("steps", " > ".join(result.consent.steps) or "none"),
                    ("detail", result.consent.detail),
                ],
            )


def page_failed(ctx: RuleContext) -> Iterator[Finding]:
    """Pages that could not be loaded."""
    for result in ctx.states:
        for observation in result.observations:
            if observation.error is not None:
                yield finding(
                    "page_failed",
                    result.state,
                    observation.url,
                    observation.url,
                    f"Page failed: {observation.error}",
                    [("error", observation.error), ("status", str(observation.status or ""))],
                )


RULES: tuple[Callable[[RuleContext], Iterable[Finding]], ...] = (
    undeclared_cookie,
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
)


def evaluate(ctx: RuleContext) -> tuple[Finding, ...]:
    """Every finding of every rule, in a stable order."""
    return sort_findings(f for rule in RULES for f in rule(ctx))
