"""Finding rules over the consent evidence: signal mismatches, missing banner, harder reject."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.consent.selftest import after_choice_problems, before_choice_problems
from scanner.model import IMPLIED_CHOICE, ConsentEvidence, ConsentState, Finding, StateResult
from scanner.model.findings import finding
from scanner.rules.context import RuleContext, site_without_banner


def _acted(ctx: RuleContext) -> list[StateResult]:
    return [s for s in ctx.states if s.state.chooses]


def _evidence(consent: ConsentEvidence) -> list[tuple[str, str]]:
    return [
        ("cmp", consent.cmp or "unknown"),
        ("strategy", consent.strategy or "none"),
        ("self_test", consent.self_test or "not run"),
        *consent.signals,
    ]


def consent_signal_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Consent signals (CMP state, TCF, Consent Mode) that contradict the choice, or precede it."""
    before_seen: set[str] = set()
    for result in _acted(ctx):
        consent, signals = result.consent, dict(result.consent.signals)
        problems = after_choice_problems(result.state, signals) if consent.applied else []
        for problem in problems:
            yield finding(
                "consent_signal_mismatch", result.state, consent.page_url,
                f"after {result.state.value}: {problem}",
                f"After '{result.state.value}', {problem}.", _evidence(consent),
            )  # fmt: skip
        for problem in before_choice_problems(signals):
            if problem not in before_seen:
                before_seen.add(problem)
                yield finding(
                    "consent_signal_mismatch", None, consent.page_url,
                    f"before any choice: {problem}", f"{problem[0].upper()}{problem[1:]}.",
                    _evidence(consent),
                )  # fmt: skip


def no_consent_banner(ctx: RuleContext) -> Iterator[Finding]:
    """Non-necessary cookies or trackers, but no consent banner found in any acting state
    (the states it could not apply are in its evidence, not a consent_not_applied each)."""
    if not site_without_banner(ctx):
        return
    acted = _acted(ctx)
    cookies = {c.name for s in ctx.states for c in s.cookies() if ctx.cookie_non_necessary(c)}
    requests = (r for s in ctx.states for r in s.requests())
    trackers = {ctx.request_domain(r) for r in requests if ctx.request_non_necessary(r)}
    not_applied = [s.state.value for s in acted if not s.consent.applied]
    page = acted[0].consent.page_url
    yield finding(
        "no_consent_banner", None, page, page or "site",
        f"No consent banner was found, yet the site sets {len(cookies)} non-necessary "
        f"cookie(s) and contacts {len(trackers)} non-necessary third part(ies).",
        [("cookies", _counted(cookies)), ("third_parties", _counted(trackers)),
         ("detail", acted[0].consent.detail),
         ("states_not_applied", ", ".join(not_applied) or "none")],
    )  # fmt: skip


def _counted(items: set[str], shown: int = 20) -> str:
    """How many, then the first ``shown`` of them: ``2: a, b`` (``0`` for none)."""
    names = sorted(items)
    listed = ", ".join(names[:shown]) + (", …" if len(names) > shown else "")
    return f"{len(names)}: {listed}" if names else "0"


def reject_harder_than_accept(ctx: RuleContext) -> Iterator[Finding]:
    """Rejecting takes more steps than accepting (reported as information); not compared when
    the site took the scanner's interaction as acceptance and nothing was clicked to accept."""
    by_state = {s.state: s.consent for s in ctx.states}
    accept, reject = by_state.get(ConsentState.ACCEPT), by_state.get(ConsentState.REJECT)
    if accept is None or reject is None or not (accept.applied and reject.applied):
        return
    if accept.strategy == IMPLIED_CHOICE:  # consent_inferred_from_interaction says it instead
        return
    if len(reject.steps) <= len(accept.steps):
        return
    yield finding(
        "reject_harder_than_accept", ConsentState.REJECT, reject.page_url,
        f"reject takes {len(reject.steps)} steps, accept {len(accept.steps)}",
        f"Rejecting takes {len(reject.steps)} steps but accepting only {len(accept.steps)}.",
        [("accept_steps", " > ".join(accept.steps)), ("reject_steps", " > ".join(reject.steps)),
         ("cmp", reject.cmp or accept.cmp or "unknown")],
    )  # fmt: skip


CONSENT_RULES = (consent_signal_mismatch, no_consent_banner, reject_harder_than_accept)
