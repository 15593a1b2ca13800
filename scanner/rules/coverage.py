"""Rules on the declarations and the scan itself: stale declarations, consent, failed pages."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.declared.matching import match_cookie, match_storage, match_third_party
from scanner.knowledge.domains import host_of
from scanner.model import Declarations, Finding, RequestRecord
from scanner.model.findings import finding
from scanner.rules.context import RuleContext, cookies_of, site_without_banner


def declared_not_observed(ctx: RuleContext) -> Iterator[Finding]:
    """Declarations that match nothing the scan saw in any state."""
    cookies = [c for _r, c in cookies_of(ctx)]
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
        if not any(_contacted(ctx, solo, q) for q in requests):
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
    yield from _storage_not_observed(ctx)


def _storage_not_observed(ctx: RuleContext) -> Iterator[Finding]:
    """Storage declarations that match no storage item of any state."""
    items = {(s.kind, s.key, host_of(s.origin)) for r in ctx.states for s in r.storage()}
    for decl in ctx.declarations.storage:
        solo = Declarations(storage=(decl,))
        if not any(match_storage(solo, kind, key, host) for kind, key, host in items):
            yield finding(
                "declared_not_observed",
                None,
                None,
                f"{decl.name} ({decl.kind.value})",
                f"Declared {decl.kind.declared_type} '{decl.name}' was not seen in any scanned "
                "state.",
                [("type", decl.kind.declared_type), ("category", decl.category.value),
                 ("provider", decl.provider)],
                storage_key=decl.name,
                storage_kind=decl.kind.value,
                declaration_line=decl.line,
            )  # fmt: skip


def consent_not_applied(ctx: RuleContext) -> Iterator[Finding]:
    """States whose consent choice could not be made (told by ``no_consent_banner`` instead
    when no banner was found at all and the site needs one, by ``pay_or_accept_wall`` when
    the banner offered no refusal: one finding per fact)."""
    banner_missing = site_without_banner(ctx)
    for result in ctx.states:
        if banner_missing and result.consent.banner_seen is False:
            continue
        if result.consent.design is not None and result.consent.design.pay_wall is not None:
            continue  # no refusal offered: told by pay_or_accept_wall
        if result.state.chooses and not result.consent.applied:
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
                    [
                        ("error", observation.error),
                        ("failure", observation.failure.value if observation.failure else ""),
                        ("status", str(observation.status or "")),
                    ],
                )


def _contacted(ctx: RuleContext, solo: Declarations, request: RequestRecord) -> bool:
    """Whether a request reached the declared third party: by its host, or as the vendor a
    first-party endpoint speaking its protocol is attributed to."""
    if match_third_party(solo, request.host, request.registrable_domain):
        return True
    endpoint = ctx.request_endpoint(request)
    return endpoint is not None and bool(
        match_third_party(solo, endpoint.vendor_domain, endpoint.vendor_domain)
    )
