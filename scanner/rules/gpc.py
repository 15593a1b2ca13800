"""Global Privacy Control: advertising third parties contacted or their cookies set under GPC."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from scanner.knowledge.domains import registrable_domain
from scanner.model import Category, ConsentState, Finding, Phase, StateResult
from scanner.model.findings import finding
from scanner.rules.context import RuleContext

SIGNAL_PREFIXES = ("gpc.", "usp.", "gpp.")


@dataclass(slots=True)
class AdActivity:
    """What one advertising domain did in a state."""

    page: str
    requests: int = 0
    first_url: str = ""
    cookies: list[str] = field(default_factory=list)

    def evidence(self) -> list[tuple[str, str]]:
        """What it did, as finding evidence."""
        return [
            ("requests", str(self.requests)),
            ("first_request", self.first_url or "none"),
            ("cookies_written", ", ".join(self.cookies) or "none"),
        ]


def advertising(
    ctx: RuleContext, result: StateResult, phase: Phase | None = None
) -> dict[str, AdActivity]:
    """Advertising third parties contacted, or whose cookies were written, in one state
    (only in ``phase`` of it when given)."""
    seen: dict[str, AdActivity] = {}
    for request in result.requests():
        if phase not in (None, request.phase) or not ctx.request_third(request):
            continue
        if _is_ad(ctx.request_verdict(request).category):
            entry = seen.setdefault(ctx.request_domain(request), AdActivity(request.page_url))
            entry.requests += 1
            entry.first_url = entry.first_url or request.url
    for cookie in result.cookies():
        if phase in (None, cookie.phase) and _is_ad(ctx.cookie_verdict(cookie).category):
            domain = registrable_domain(cookie.domain.lstrip("."))
            entry = seen.setdefault(domain, AdActivity(cookie.page_url))
            if cookie.name not in entry.cookies:
                entry.cookies.append(cookie.name)
    return seen


def _is_ad(category: Category) -> bool:
    return category is Category.ADVERTISING


def _without_gpc(ctx: RuleContext, domain: str) -> str:
    baseline = next((s for s in ctx.states if s.state is ConsentState.NONE), None)
    if baseline is None:
        return "not compared (the none state was not scanned)"
    if domain in advertising(ctx, baseline):
        return "also contacted without GPC: the signal changed nothing"
    return "not contacted without GPC"


def gpc_ignored(ctx: RuleContext) -> Iterator[Finding]:
    """Advertising (sale or sharing) third parties active although the visitor sent GPC."""
    for result in (s for s in ctx.states if s.state is ConsentState.GPC):
        signals = [(k, v) for k, v in result.consent.signals if k.startswith(SIGNAL_PREFIXES)]
        for domain, seen in sorted(advertising(ctx, result).items()):
            evidence = [
                *seen.evidence(),
                ("none_state", _without_gpc(ctx, domain)),
                *signals,
            ]
            yield finding(
                "gpc_ignored", result.state, seen.page, domain,
                f"Advertising third party '{domain}' was active although the visitor sent "
                "Global Privacy Control (an opt-out of sale and sharing).",
                evidence, request_domain=domain,
            )  # fmt: skip
