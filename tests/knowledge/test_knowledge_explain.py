"""Tests for the plain-text explanation of cookie names and domains."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.knowledge import KnowledgeBase, load_knowledge
from scanner.knowledge.explain import explain
from scanner.knowledge.filters import HAVE_ADBLOCK
from scanner.knowledge.loader import bundled_cookies, bundled_trackers
from scanner.knowledge.terms import consent_states
from scanner.model import ConsentState


@pytest.fixture
def kb(empty_cache: Path) -> KnowledgeBase:
    return load_knowledge(empty_cache)


def test_cookie_name(kb: KnowledgeBase) -> None:
    lines = explain("_ga_ABC123", kb)
    assert lines[0] == "Cookie '_ga_ABC123': Google Analytics, analytics (prefix '_ga_')"
    assert "  retention: 2 years (~730 days)" in lines
    assert any(line.startswith("  source: Open Cookie Database #") for line in lines)
    assert lines[-6:][0] == "Knowledge used:"  # then cookies, trackers, endpoints, two lists


def test_session_cookie_retention(kb: KnowledgeBase) -> None:
    assert "  retention: End of session (browser) (session)" in explain("__utmc", kb)


def test_domain(kb: KnowledgeBase) -> None:
    lines = explain("stats.g.doubleclick.net", kb)
    assert lines[0] == (
        "Domain 'stats.g.doubleclick.net': Google, advertising (known as doubleclick.net)"
    )
    assert "  source: cookiescan curated list: doubleclick.net" in lines
    assert any("known cookie name(s): " in line and "IDE" in line for line in lines)


@pytest.mark.skipif(not HAVE_ADBLOCK, reason="adblock is not installed")
def test_domain_with_filter_lists(mini_easyprivacy: str) -> None:
    kb = KnowledgeBase(bundled_cookies(), bundled_trackers(), {"easyprivacy": mini_easyprivacy}, {})
    lines = explain("tracker.test", kb)
    assert lines[0] == (
        "Domain 'tracker.test': blocked as a third-party script by easyprivacy: ||tracker.test^"
    )


def test_unknown_term(kb: KnowledgeBase) -> None:
    lines = explain("  no_such_cookie_anywhere ", kb)
    assert lines[0] == "Nothing known about 'no_such_cookie_anywhere'."
    assert any(line.startswith("  cookies: bundled: ") for line in lines)


def test_finding_kinds_and_consent_states(kb: KnowledgeBase) -> None:
    lines = explain("gpc_overridden_by_accept", kb)
    assert lines[0] == (
        "Finding kind 'gpc_overridden_by_accept' (medium): "
        'Global Privacy Control overridden by "accept", without saying so'
    )
    assert lines[1].startswith("  rule: Opt-out of sale and sharing (CCPA/CPRA")
    assert "accept_overrides_gpc: true" in lines[3]
    (state,) = [line for line in explain("GPC-Accept", kb) if line.startswith("Consent state")]
    assert state.startswith("Consent state 'gpc-accept': Global Privacy Control on, then")


def test_every_consent_state_is_described() -> None:
    assert set(consent_states()) == {s.value for s in ConsentState}
