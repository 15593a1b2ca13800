"""GPC and then "accept all": advertising third parties the click turned on, declared or not.

Under the CPRA regulations (§ 7025(c)(3)) a business may ask a visitor who sends Global
Privacy Control to opt in; the explicit "accept" then overrides the signal only when the site
says so. The declared list says so with ``policy: accept_overrides_gpc: true``: the outcome is
``gpc_override_declared`` (info); otherwise ``gpc_overridden_by_accept`` (medium). A domain
already active in the plain ``gpc`` state is ``gpc_ignored`` there, not an override.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.model import ConsentState, Finding, Phase, ScanPolicy, StateResult
from scanner.model.findings import finding
from scanner.rules.context import RuleContext
from scanner.rules.gpc import advertising

CMP_SIGNALS = ("usp.", "gpp.")
OVERRIDDEN, DECLARED = "gpc_overridden_by_accept", "gpc_override_declared"


def _state(ctx: RuleContext, state: ConsentState) -> StateResult | None:
    return next((s for s in ctx.states if s.state is state), None)


def compare_signals(gpc: StateResult | None, chosen: StateResult) -> list[tuple[str, str]]:
    """The consent manager's US Privacy / GPP signals with GPC alone and after the accept."""
    before = dict(gpc.consent.signals) if gpc is not None else {}
    after = dict(chosen.consent.signals)
    keys = sorted(k for k in {*before, *after} if k.startswith(CMP_SIGNALS))
    if gpc is None:
        return [(k, f"{after.get(k, 'absent')} after accept (gpc not scanned)") for k in keys]
    return [
        (k, f"{before.get(k, 'absent')} in gpc, {after.get(k, 'absent')} after accept")
        for k in keys
    ]


def _declared(policy: ScanPolicy, path: str | None) -> str:
    if not policy.accept_overrides_gpc:
        return "not declared (policy.accept_overrides_gpc)"
    where = f"{path or 'expected_cookies.yaml'}:{policy.accept_overrides_gpc_line}"
    return f"declared: policy.accept_overrides_gpc: true ({where})"


def _gpc_state(gpc: StateResult | None) -> str:
    if gpc is None:
        return "not compared (the gpc state was not scanned)"
    return "not active in gpc without a choice: the accept turned it on"


def gpc_overridden_by_accept(ctx: RuleContext) -> Iterator[Finding]:
    """Advertising third parties active after "accept" although the visitor sent GPC."""
    chosen, gpc = _state(ctx, ConsentState.GPC_ACCEPT), _state(ctx, ConsentState.GPC)
    if chosen is None:
        return
    policy = ctx.declarations.policy
    kind = DECLARED if policy.accept_overrides_gpc else OVERRIDDEN
    ignored = advertising(ctx, gpc) if gpc is not None else {}
    before = advertising(ctx, chosen, Phase.BEFORE_CONSENT)
    signals = compare_signals(gpc, chosen)
    for domain, seen in sorted(advertising(ctx, chosen, Phase.AFTER_CONSENT).items()):
        if domain in ignored:
            continue
        evidence = [
            *seen.evidence(),
            ("gpc_state", _gpc_state(gpc)),
            ("before_accept", "also active" if domain in before else "not active"),
            ("accept_overrides_gpc", _declared(policy, ctx.declarations.path)),
            *signals,
        ]
        yield finding(
            kind, chosen.state, seen.page, domain,
            f"Advertising third party '{domain}' became active after \"accept all\" although "
            "the visitor sent Global Privacy Control"
            + (", as the declared list allows." if kind == DECLARED else
               "; the declared list does not say that accepting overrides GPC."),
            evidence, request_domain=domain,
            declaration_line=policy.accept_overrides_gpc_line,
        )  # fmt: skip
