"""Consent a site inferred from the scanner's interaction, and marking what followed it."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.knowledge.domains import host_of
from scanner.model import (
    IMPLIED_CHOICE,
    ConsentState,
    Finding,
    ImpliedConsent,
    Observation,
    StateResult,
)
from scanner.model.findings import finding
from scanner.rules.context import RuleContext

AFTER_IMPLIED = "after_implied_consent"


def consent_inferred_from_interaction(ctx: RuleContext) -> Iterator[Finding]:
    """A consent record that turned to granted right after scrolling, pointer movement or a
    key press, with no click on the consent UI; one finding per state and signal (looked for
    where no choice is made, and in the accept states before the click)."""
    for result in ctx.states:
        seen: set[str] = set()
        for page in result.observations:
            for implied in page.implied_consent:
                subject = f"{implied.signal} after {implied.interaction}"
                if subject in seen:
                    continue
                seen.add(subject)
                yield finding(
                    "consent_inferred_from_interaction", result.state, page.url, subject,
                    f"The site's consent record turned to granted ({implied.signal}: "
                    f"{implied.before} -> {implied.after}) right after the scanner's "
                    f"{implied.interaction}, with no click on the consent banner.",
                    [*_evidence(_detail(page, implied), implied), _detected_in(result)],
                )  # fmt: skip


def _detail(page: Observation, implied: ImpliedConsent) -> str:
    steps = (s for s in page.interaction if (s.action, s.at) == (implied.interaction, implied.at))
    return next((s.detail for s in steps), "")


def _detected_in(result: StateResult) -> tuple[str, str]:
    """The state, and where in it: no choice made, or before the choice's click."""
    choice = result.state.choice
    if choice is None:
        return "detected_in", f"{result.state} (no consent choice is made in this state)"
    where = f"{result.state}, on the landing page while the banner was shown, before the {choice}"
    if result.consent.strategy == IMPLIED_CHOICE:
        return "detected_in", f"{where} click (the banner went away; nothing was clicked)"
    return "detected_in", f"{where} click"


def _evidence(detail: str, implied: ImpliedConsent) -> list[tuple[str, str]]:
    return [
        ("interaction", f"{implied.interaction} ({detail})" if detail else implied.interaction),
        ("signal", implied.signal),
        ("before", implied.before),
        ("after", implied.after),
        ("followed_by", ", ".join(implied.followed[:20]) or "nothing"),
    ]


def implied_evidence(
    ctx: RuleContext, state: ConsentState, page_url: str, url: str | None
) -> list[tuple[str, str]]:
    """``after_implied_consent`` evidence when ``url``'s host was first contacted on its page
    after consent was inferred there from the scanner's interaction (else nothing)."""
    if url is None:
        return []
    host = host_of(url)
    for result in ctx.states:
        if result.state is not state:
            continue
        for page in result.observations:
            for implied in page.implied_consent if page.url == page_url else ():
                if host in implied.followed:
                    return [(AFTER_IMPLIED, f"{implied.signal} after {implied.interaction}")]
    return []
