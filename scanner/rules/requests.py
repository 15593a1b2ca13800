"""Third-party request rules: undeclared, contacted before consent, contacted after reject."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from scanner.model import Finding, Phase, RequestRecord, StateResult
from scanner.model.findings import finding
from scanner.rules.context import (
    RuleContext,
    after_reject,
    before_consent,
    request_evidence,
    requests_by_domain,
)
from scanner.rules.implied import implied_evidence


def undeclared_third_party(ctx: RuleContext) -> Iterator[Finding]:
    """Third-party domains contacted that no declaration covers."""

    def keep(_result: StateResult, request: RequestRecord) -> bool:
        return ctx.request_third(request) and ctx.request_declaration(request) is None

    for domain, (result, request, count) in requests_by_domain(ctx, keep).items():
        yield finding(
            "undeclared_third_party",
            result.state,
            request.page_url,
            domain,
            f"Third party '{domain}' was contacted but is not declared.",
            [*request_evidence(request, count), *ctx.endpoint_evidence(request),
             *ctx.request_verdict(request).evidence()],
            request_domain=domain,
        )  # fmt: skip


def _tracker_requests(
    ctx: RuleContext, kind: str, when: Callable[[StateResult, Phase], bool], message: str
) -> Iterator[Finding]:
    """Non-necessary third parties contacted ``when``, one finding per registrable domain."""

    def keep(result: StateResult, request: RequestRecord) -> bool:
        return when(result, request.phase) and ctx.request_non_necessary(request)

    for domain, (result, request, count) in requests_by_domain(ctx, keep).items():
        declared = ctx.request_declaration(request)
        yield finding(
            kind,
            result.state,
            request.page_url,
            domain,
            message.format(domain=domain),
            [
                *request_evidence(request, count),
                *ctx.endpoint_evidence(request),
                *ctx.request_verdict(request).evidence(),
                *implied_evidence(ctx, result.state, request.page_url, request.url),
            ],
            request_domain=domain,
            declaration_line=declared.line if declared else None,
        )


def tracker_request_before_consent(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary third parties contacted before a consent choice."""
    message = "Non-necessary third party '{domain}' was contacted before any consent choice."
    return _tracker_requests(ctx, "tracker_request_before_consent", before_consent, message)


def tracker_request_after_reject(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary third parties contacted after "reject all"."""
    message = "Non-necessary third party '{domain}' was contacted after the visitor rejected."
    return _tracker_requests(ctx, "tracker_request_after_reject", after_reject, message)
