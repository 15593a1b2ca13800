"""Global Privacy Control: advertising third parties contacted or their cookies set under GPC."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from scanner.knowledge.domains import registrable_domain
from scanner.model import Category, ConsentState, Finding, Party, StateResult
from scanner.model.findings import finding
from scanner.rules.context import RuleContext

SIGNAL_PREFIXES = ("gpc.", "usp.", "gpp.")


@dataclass(slots=True)
class _Seen:
    """What one advertising domain did in the gpc state."""

    page: str
    requests: int = 0
    first_url: str = ""
    cookies: list[str] = field(default_factory=list)


def _advertising(ctx: RuleContext, result: StateResult) -> dict[str, _Seen]:
    """Advertising third parties contacted, or whose cookies were written, in one state."""
    seen: dict[str, _Seen] = {}
    for request in result.requests():
        if request.party is Party.THIRD and _is_ad(ctx.request_verdict(request).category):
            entry = seen.setdefault(request.registrable_domain, _Seen(request.page_url))
            entry.requests += 1
            entry.first_url = entry.first_url or request.url
    for cookie in result.cookies():
        if _is_ad(ctx.cookie_verdict(cookie).category):
            domain = registrable_domain(cookie.domain.lstrip("."))
            entry = seen.setdefault(domain, _Seen(cookie.page_url))
            if cookie.name not in entry.cookies:
                entry.cookies.append(cookie.name)
    return seen


def _is_ad(category: Category) -> bool:
    return category is Category.ADVERTISING


def _without_gpc(ctx: RuleContext, domain: str) -> str:
    baseline = next((s for s in ctx.states if s.state is ConsentState.NONE), None)
    if baseline is None:
        return "not compared (the none state was not scanned)"
    if domain in _advertising(ctx, baseline):
        return "also contacted without GPC: the signal changed nothing"
    return "not contacted without GPC"


def gpc_ignored(ctx: RuleContext) -> Iterator[Finding]:
    """Advertising (sale or sharing) third parties active although the visitor sent GPC."""
    for result in (s for s in ctx.states if s.state is ConsentState.GPC):
        signals = [(k, v) for k, v in result.consent.signals if k.startswith(SIGNAL_PREFIXES)]
        for domain, seen in sorted(_advertising(ctx, result).items()):
            evidence = [
                ("requests", str(seen.requests)),
                ("first_request", seen.first_url or "none"),
                ("cookies_written", ", ".join(seen.cookies) or "none"),
                ("none_state", _without_gpc(ctx, domain)),
                *signals,
            ]
            yield finding(
                "gpc_ignored", result.state, seen.page, domain,
                f"Advertising third party '{domain}' was active although the visitor sent "
                "Global Privacy Control (an opt-out of sale and sharing).",
                evidence, request_domain=domain,
            )  # fmt: skip
