"""Acceptance a site inferred before the click: when the visitor's interaction while the banner
was shown made the site record acceptance and take its banner away, nothing is left to click,
and the site's own record stands in for the click."""

from __future__ import annotations

from collections.abc import Sequence

from scanner.consent.cmp import Attempt
from scanner.consent.dom import Found, still_visible
from scanner.model import ImpliedConsent


async def stood_in(seen: Found | None, implied: Sequence[ImpliedConsent]) -> Attempt | None:
    """The choice as the site made it (acted at the moment it recorded acceptance) when it
    inferred consent and the banner (or control) ``seen`` before is gone; else None: the
    banner is still there to be clicked, or nothing was inferred."""
    if not implied or (seen is not None and await still_visible(seen.element)):
        return None
    first = min(implied, key=lambda i: i.at)
    detail = (
        f"before accept could be clicked, the site recorded acceptance ({first.signal}: "
        f"{first.before} -> {first.after}) right after the scanner's {first.interaction} and "
        "took its banner away; nothing was clicked"
    )
    return Attempt(True, detail=detail, acted_at=first.at)
