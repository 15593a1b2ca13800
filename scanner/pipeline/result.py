"""Judging what was crawled: classify once, apply rules, policy and waivers, add metadata."""

from __future__ import annotations

from datetime import UTC, datetime

from scanner import __version__
from scanner.judge import judge_scan
from scanner.knowledge import KnowledgeBase, load_knowledge
from scanner.model import (
    BrowserProfile,
    FirstPartyDomain,
    ScanMeta,
    ScanResult,
    StateResult,
    Tell,
)
from scanner.pipeline.progress import utc_now
from scanner.rules import evaluate
from scanner.rules.context import rule_context
from scanner.rules.policy_gate import apply_policy
from scanner.rules.waivers import apply_waivers
from scanner.settings.config import ScanConfig


def build_result(
    config: ScanConfig,
    states: tuple[StateResult, ...],
    started_at: str,
    browser: str,
    interrupted: bool = False,
    knowledge: KnowledgeBase | None = None,
    error: str | None = None,
    profile: tuple[BrowserProfile | None, tuple[Tell, ...]] = (None, ()),
) -> ScanResult:
    """Apply the rules, the policy and the waivers; wrap it all with the scan's metadata
    (``profile``: the visitor the browser presented and the tells left, when probed)."""
    knowledge = knowledge or load_knowledge()
    judgement = judge_scan(config.declarations, states, knowledge)
    ctx = rule_context(config.declarations, states, judgement=judgement)
    waivers = config.declarations.waivers
    findings = apply_waivers(apply_policy(evaluate(ctx), ctx), waivers, datetime.now(UTC).date())
    meta = ScanMeta(
        targets=config.targets,
        started_at=started_at,
        finished_at=utc_now(),
        scanner_version=__version__,
        browser_version=browser,
        declared_path=config.declarations.path,
        states=tuple(s.state for s in states),
        settings=config.report_settings() + _knowledge_settings(knowledge),
        interrupted=interrupted,
        setting_sources=config.sources,
        first_party=_first_party(states),
        error=error,
        browser_profile=profile[0],
        remaining_tells=profile[1],
    )
    return ScanResult(meta, config.declarations, states, findings, judgement)


def _first_party(states: tuple[StateResult, ...]) -> tuple[FirstPartyDomain, ...]:
    """Every first-party domain of the scan with its reason, first state's reason first."""
    found: dict[str, FirstPartyDomain] = {}
    for entry in (e for s in states for e in s.first_party):
        found.setdefault(entry.domain, entry)
    return tuple(found.values())


def _knowledge_settings(knowledge: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """Which version of each knowledge source judged the scan (``knowledge.cookies`` ...)."""
    return tuple((f"knowledge.{name}", version) for name, version in knowledge.versions().items())
