"""The accept state's probe: the site's inferred acceptance stands in for the click only when
it took the banner away."""

from __future__ import annotations

import asyncio
from typing import Any

from scanner.consent.dom import Found
from scanner.consent.implied import stood_in
from scanner.model import ImpliedConsent

LATER = ImpliedConsent("key", "gcm.ad_storage", "denied", "granted", 20.0)
FIRST = ImpliedConsent("scroll", "cmp.choice", "absent", "accept (CookieYes)", 10.0)


class _Element:
    def __init__(self, visible: bool) -> None:
        self.visible = visible

    async def is_visible(self) -> bool:
        return self.visible


def _banner(visible: bool) -> Found:
    element: Any = _Element(visible)
    return Found(frame=None, element=element, label="banner")  # type: ignore[arg-type]


def test_a_banner_taken_away_after_inferred_consent_stands_for_the_click() -> None:
    attempt = asyncio.run(stood_in(_banner(False), (LATER, FIRST)))
    assert attempt is not None and attempt.applied and attempt.steps == ()
    assert attempt.acted_at == FIRST.at  # the moment the site first recorded acceptance
    assert "(cmp.choice: absent -> accept (CookieYes)) right after the scanner's scroll" in (
        attempt.detail
    )


def test_a_banner_still_shown_is_clicked_and_nothing_inferred_changes_nothing() -> None:
    assert asyncio.run(stood_in(_banner(True), (FIRST,))) is None
    assert asyncio.run(stood_in(_banner(False), ())) is None
