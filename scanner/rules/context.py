"""What every rule reads (declarations, records, knowledge) and the helpers rules share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from scanner.durations import format_duration
from scanner.knowledge import KnowledgeBase
from scanner.matching import match_cookie, match_third_party
from scanner.model import (
    ConsentState,
    CookieDeclaration,
    CookieRecord,
    Declarations,
    Party,
    Phase,
    RequestRecord,
    StateResult,
    ThirdPartyDeclaration,
)
from scanner.rules.verdicts import Verdict, classify_cookie, classify_request

THIRTEEN_MONTHS = 34_187_400  # 13 x 30.4375 days, in seconds


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What every rule reads: the declarations, each state's records and the knowledge base.

    Without ``knowledge`` cookies and requests are judged by declarations and party only.
    """

    declarations: Declarations
    states: tuple[StateResult, ...]
    max_lifetime: int = THIRTEEN_MONTHS
    knowledge: KnowledgeBase | None = None
    _verdicts: dict[tuple[str, ...], Verdict] = field(
        default_factory=dict, compare=False, repr=False
    )

    def cookie_declaration(self, cookie: CookieRecord) -> CookieDeclaration | None:
        """The declaration covering a cookie, if any."""
        return match_cookie(self.declarations, cookie.name, cookie.domain)

    def request_declaration(self, request: RequestRecord) -> ThirdPartyDeclaration | None:
        """The third-party declaration covering a request's domain, if any."""
        return match_third_party(self.declarations, request.host, request.registrable_domain)

    def cookie_verdict(self, cookie: CookieRecord) -> Verdict:
        """The cookie's effective category and its source (cached per name, domain, party)."""
        key = ("cookie", cookie.name, cookie.domain, cookie.party.value)
        if key not in self._verdicts:
            declared = self.cookie_declaration(cookie)
            self._verdicts[key] = classify_cookie(cookie, declared, self.knowledge)
        return self._verdicts[key]

    def request_verdict(self, request: RequestRecord) -> Verdict:
        """The request's effective category and its source (cached per URL and context)."""
        key = ("request", request.url, request.page_url, request.resource_type, request.party)
        if key not in self._verdicts:
            declared = self.request_declaration(request)
            self._verdicts[key] = classify_request(request, declared, self.knowledge)
        return self._verdicts[key]

    def cookie_non_necessary(self, cookie: CookieRecord) -> bool:
        """Whether the cookie needs consent, by its effective category."""
        return self.cookie_verdict(cookie).non_necessary

    def request_non_necessary(self, request: RequestRecord) -> bool:
        """A third-party request whose effective category needs consent."""
        return request.party is Party.THIRD and self.request_verdict(request).non_necessary


def cookie_subject(cookie: CookieRecord) -> str:
    """How a cookie is named in findings."""
    return f"{cookie.name} @ {cookie.domain}"


def cookie_evidence(cookie: CookieRecord) -> list[tuple[str, str]]:
    """The facts about a cookie every cookie finding shows."""
    return [
        ("party", cookie.party.value),
        ("set_by", cookie.set_by.value),
        ("setter", cookie.setter_url or "unknown"),
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
        ("initiator", request.initiator or request.frame_url or "unknown"),
        ("requests", str(count)),
        ("phase", request.phase.value),
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
    return result.state is ConsentState.NONE or phase is Phase.BEFORE_CONSENT


def requests_by_domain(
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
