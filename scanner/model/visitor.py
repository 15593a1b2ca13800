"""What the scanner did on a page as a visitor: its interaction, its dwell, implied consent."""

from __future__ import annotations

from dataclasses import dataclass

# ConsentEvidence.strategy when no click made the choice: before the scanner could click accept,
# the site recorded acceptance from its interaction and took its banner away.
IMPLIED_CHOICE = "implied"


@dataclass(frozen=True, slots=True)
class InteractionStep:
    """One thing done on the page as a visitor (``pointer``, ``scroll``, ``scroll_back``,
    ``key``), when (epoch seconds) and how (``detail``: positions, depth, the key)."""

    action: str
    at: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Dwell:
    """How long a page was kept open for its pending timers and idle callbacks, and why it
    stopped (``no timer pending``, ``timers due only after the bound``, ``bound reached``);
    ``timers``: how many times it waited for a timer to come due; ``bound``: the limit, s."""

    seconds: float
    reason: str
    timers: int = 0
    bound: float = 0.0


@dataclass(frozen=True, slots=True)
class ImpliedConsent:
    """A consent record that turned to granted right after an interaction, with no click on
    the consent UI: the ``interaction`` (an ``InteractionStep.action``), the ``signal``
    (``cmp.choice``, ``tcf.purposes``, ``gcm.ad_storage`` …), its value before and after;
    ``followed``: the hosts the page first contacted after it (what happened after implied
    consent, not before consent)."""

    interaction: str
    signal: str
    before: str
    after: str
    at: float
    followed: tuple[str, ...] = ()
