"""What every rule reads (declarations, records, knowledge) and the helpers rules share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from scanner.judge import judge_scan
from scanner.knowledge import KnowledgeBase
from scanner.model import (
    Classification,
    ConsentState,
    CookieDeclaration,
    CookieRecord,
    Declarations,
    EndpointClass,
    Judgement,
    KnownFact,
    Party,
    Phase,
    RequestRecord,
    StateResult,
    ThirdPartyDeclaration,
)
from scanner.model.durations import format_duration

THIRTEEN_MONTHS = 34_187_400  # 13 x 30.4375 days, in seconds


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What every rule reads: the declarations, each state's records and their judgement."""

    declarations: Declarations
    states: tuple[StateResult, ...]
    judgement: Judgement
    max_lifetime: int = THIRTEEN_MONTHS

    def cookie_declaration(self, cookie: CookieRecord) -> CookieDeclaration | None:
        """The declaration covering a cookie, if any (as the judge stage matched it)."""
        line = self.cookie_verdict(cookie).declared_line
        return next((d for d in self.declarations.cookies if d.line == line), None)

    def request_declaration(self, request: RequestRecord) -> ThirdPartyDeclaration | None:
        """The third-party declaration covering a request's host, if any."""
        line = self.request_verdict(request).declared_line
        return next((d for d in self.declarations.third_parties if d.line == line), None)

    def cookie_verdict(self, cookie: CookieRecord) -> Classification:
        """The cookie's classification, as the judge stage decided it."""
        return self.judgement.cookie(cookie)

    def cookie_known(self, cookie: CookieRecord) -> KnownFact | None:
        """What the knowledge base confidently says of the cookie, declared or not."""
        judged = self.judgement.cookie_class(cookie)
        return judged.known if judged else None

    def request_verdict(self, request: RequestRecord) -> Classification:
        """The request's classification, as the judge stage decided it."""
        return self.judgement.request(request)

    def request_endpoint(self, request: RequestRecord) -> EndpointClass | None:
        """The vendor a first-party request is attributed to by its protocol, if any."""
        return self.judgement.endpoint(request)

    def request_domain(self, request: RequestRecord) -> str:
        """The domain a request is reported under: its vendor's when a first-party endpoint
        speaks a known protocol, else its own registrable domain."""
        endpoint = self.request_endpoint(request)
        return endpoint.vendor_domain if endpoint else request.registrable_domain

    def request_third(self, request: RequestRecord) -> bool:
        """A third party, or a first-party endpoint speaking a vendor's protocol."""
        return request.party is Party.THIRD or self.request_endpoint(request) is not None

    def endpoint_evidence(self, request: RequestRecord) -> list[tuple[str, str]]:
        """``via first-party endpoint URL`` and the protocol, for a proxied request; the body
        fields matched, when the body's shape told the protocol."""
        endpoint = self.request_endpoint(request)
        if endpoint is None:
            return []
        via = f"via first-party endpoint {request.url}"
        found = [("via", via), ("protocol", endpoint.protocol)]
        return [*found, ("body", endpoint.body)] if endpoint.body else found

    def cookie_non_necessary(self, cookie: CookieRecord) -> bool:
        """Whether the cookie needs consent, by its effective category."""
        return self.cookie_verdict(cookie).non_necessary

    def request_non_necessary(self, request: RequestRecord) -> bool:
        """A third-party request (or a vendor's protocol on a first-party endpoint) whose
        effective category needs consent."""
        return self.request_third(request) and self.request_verdict(request).non_necessary


def rule_context(
    declarations: Declarations,
    states: tuple[StateResult, ...],
    knowledge: KnowledgeBase | None = None,
    judgement: Judgement | None = None,
) -> RuleContext:
    """The rules' context: the judgement (made here when not given) and the policy's limit."""
    if judgement is None:
        judgement = judge_scan(declarations, states, knowledge)
    limit = declarations.policy.max_lifetime or THIRTEEN_MONTHS
    return RuleContext(declarations, states, judgement, max_lifetime=limit)


def cookie_subject(cookie: CookieRecord) -> str:
    """How a cookie is named in findings."""
    return f"{cookie.name} @ {cookie.domain}"


def cookie_evidence(cookie: CookieRecord) -> list[tuple[str, str]]:
    """The facts about a cookie every cookie finding shows."""
    return [
        ("party", cookie.party.value),
        *([("partitioned", cookie.partition_note)] if cookie.partitioned else []),
        ("set_by", cookie.set_by.value),
        ("setter", cookie.setter_url or "unknown"),
        *([("setter_worker", cookie.setter_worker)] if cookie.setter_worker else []),
        *([("setter_unknown", cookie.setter_unknown)] if cookie.setter_unknown else []),
        ("lifetime_requested", format_duration(cookie.lifetime_requested)),
        ("lifetime_stored", format_duration(cookie.lifetime_stored)),
        ("phase", cookie.phase.value),
    ]


def request_evidence(request: RequestRecord, count: int) -> list[tuple[str, str]]:
    """The facts about a request every request finding shows."""
    return [
        ("url", request.url),
        ("host", request.host),
        ("resource_type", request.resource_type),
        ("initiator", request.initiator or request.worker or request.frame_url or "unknown"),
        ("requests", str(count)),
        ("phase", request.phase.value),
        *request_origin(request),
    ]


def cookies_of(
    ctx: RuleContext, states: Iterable[ConsentState] | None = None
) -> Iterator[tuple[StateResult, CookieRecord]]:
    """Every cookie record (with its state), optionally of some states only."""
    for result in ctx.states:
        if states is None or result.state in states:
            for cookie in result.cookies():
                yield result, cookie


def first_per_cookie(
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


def before_consent(result: StateResult, phase: Phase) -> bool:
    """Whether a record was made before any consent choice."""
    return not result.state.chooses or phase is Phase.BEFORE_CONSENT


def after_reject(result: StateResult, phase: Phase) -> bool:
    """Whether a record was made after "reject all" was applied."""
    return (
        result.state is ConsentState.REJECT
        and result.consent.applied
        and phase is Phase.AFTER_CONSENT
    )


def requests_by_domain(
    ctx: RuleContext, keep: Callable[[StateResult, RequestRecord], bool]
) -> dict[str, tuple[StateResult, RequestRecord, int]]:
    """First matching request per registrable domain (a proxied vendor protocol: the vendor's
    domain), and how many matched."""
    found: dict[str, tuple[StateResult, RequestRecord, int]] = {}
    for result in ctx.states:
        for request in result.requests():
            if keep(result, request):
                domain = ctx.request_domain(request)
                first = found.get(domain)
                found[domain] = (
                    (result, request, 1) if first is None else (first[0], first[1], first[2] + 1)
                )
    return found


def site_without_banner(ctx: RuleContext) -> bool:
    """No banner in any acting state, yet non-necessary cookies or trackers: no_consent_banner."""
    acted = [s for s in ctx.states if s.state.chooses]
    if not acted or any(s.consent.banner_seen is not False for s in acted):
        return False
    if any(ctx.cookie_non_necessary(c) for s in ctx.states for c in s.cookies()):
        return True
    return any(ctx.request_non_necessary(r) for s in ctx.states for r in s.requests())


def request_origin(request: RequestRecord) -> list[tuple[str, str]]:
    """Where a request came from beyond its page: a worker, a beacon on leaving, iframes."""
    facts = []
    if request.worker:
        facts.append(("from_worker", request.worker))
    if request.beacon:
        facts.append(("beacon", f"{request.beacon}, sent as the visitor left {request.page_url}"))
    if request.frame_chain:
        facts.append(("frame_chain", " > ".join(request.frame_chain)))
    if request.frames_sent is not None:
        facts.append(("channel", request.channel_note))
    return facts
