"""Storage rules over hand-built records: declared, known, by party; kept after reject."""

from __future__ import annotations

from sample_records import SITE, cookie, page, storage

from scanner.declared.loader import parse_declarations
from scanner.model import (
    ConsentEvidence,
    ConsentState,
    Declarations,
    Finding,
    Party,
    Phase,
    StateResult,
    StorageKind,
    StorageRecord,
)
from scanner.rules import evaluate
from scanner.rules.context import RuleContext, rule_context

CHAT = "https://chat.vendor.test"
MIXPANEL = "mp_tok_mixpanel"
DECLARED = parse_declarations(
    """cookies:
  - name: keyval-store/*
    type: indexeddb
    category: analytics
  - name: mp_*_mixpanel
    type: local_storage
    category: necessary
  - name: theme
    type: local_storage
    category: necessary
  - name: never_written
    type: session_storage
    category: functional
"""
)


def ctx(
    records: tuple[StorageRecord, ...],
    state: ConsentState = ConsentState.NONE,
    declarations: Declarations | None = None,
    applied: bool = True,
) -> RuleContext:
    result = StateResult(state, ConsentEvidence(state, applied), (page(state, storage=records),))
    return rule_context(declarations or Declarations(), (result,), None)


def of_kind(context: RuleContext, kind: str) -> list[Finding]:
    return [f for f in evaluate(context) if f.kind == kind]


def third(key: str, **overrides: object) -> StorageRecord:
    frame = f"{CHAT}/frame.html"
    return storage(key, origin=CHAT, party=Party.THIRD, partition="https://example.test",
                   writer=f"{CHAT}/w.js", writer_frame=frame, **overrides)  # fmt: skip


def test_unknown_third_party_storage_before_consent_is_one_finding_per_fact() -> None:
    records = (third("chat_id"), third("chat_id", page_url=SITE + "other"))
    context = ctx(records)
    [before] = of_kind(context, "storage_before_consent")
    assert before.subject == f"chat_id @ {CHAT} (localStorage)"
    assert (before.storage_key, before.storage_origin, before.storage_kind) == (
        "chat_id", CHAT, "localStorage",
    )  # fmt: skip
    evidence = dict(before.evidence)
    assert evidence["writer"] == f"{CHAT}/w.js" and evidence["partition"] == "https://example.test"
    assert evidence["pages"] == f"{SITE}, {SITE}other" and evidence["category"] == "unknown"
    assert len(of_kind(context, "undeclared_storage")) == 1


def test_unknown_first_party_storage_is_undeclared_for_review_never_a_violation() -> None:
    context = ctx((storage("cart"),))
    [undeclared] = of_kind(context, "undeclared_storage")
    assert dict(undeclared.evidence)["category"] == "unclassified"
    assert not of_kind(context, "storage_before_consent")


def test_a_known_sdk_key_is_judged_by_its_pattern() -> None:
    [found] = of_kind(ctx((storage(MIXPANEL),)), "storage_before_consent")
    evidence = dict(found.evidence)
    assert (evidence["known_vendor"], evidence["known_category"]) == ("Mixpanel", "analytics")


def test_a_declared_storage_item_carries_its_line_and_category() -> None:
    record = storage("keyval-store/keyval", kind=StorageKind.INDEXEDDB, count=3, value_length=0)
    [found] = of_kind(ctx((record,), declarations=DECLARED), "storage_before_consent")
    assert found.declaration_line == 2 and dict(found.evidence)["count"] == "3"
    assert not of_kind(ctx((record,), declarations=DECLARED), "undeclared_storage")


def test_a_known_analytics_key_declared_necessary_is_miscategorized() -> None:
    [found] = of_kind(ctx((storage(MIXPANEL),), declarations=DECLARED), "miscategorized_storage")
    assert found.declaration_line == 5 and dict(found.evidence)["known_vendor"] == "Mixpanel"


def test_written_before_the_choice_and_present_after_reject_is_kept_evidence() -> None:
    kept = third("chat_id", phase=Phase.AFTER_CONSENT, written_phase=Phase.BEFORE_CONSENT)
    context = ctx((kept,), ConsentState.REJECT)
    [after] = of_kind(context, "storage_after_reject")
    assert "kept_from_before_choice" in dict(after.evidence)
    [before] = of_kind(context, "storage_before_consent")  # it was there before the choice too
    assert before.subject == after.subject


def test_written_after_the_refusal_and_the_refusal_not_applied() -> None:
    written = third("chat_id", phase=Phase.AFTER_CONSENT, written_phase=Phase.AFTER_CONSENT)
    [after] = of_kind(ctx((written,), ConsentState.REJECT), "storage_after_reject")
    assert dict(after.evidence)["written_after_choice"] == "written after the refusal"
    assert not of_kind(ctx((written,), ConsentState.REJECT), "storage_before_consent")
    assert not of_kind(ctx((written,), ConsentState.REJECT, applied=False), "storage_after_reject")
    assert not of_kind(ctx((written,), ConsentState.ACCEPT), "storage_after_reject")


def test_empty_stores_and_caches_hold_nothing_and_are_not_judged() -> None:
    empty = third("db/store", kind=StorageKind.INDEXEDDB, count=0, value_length=0)
    assert [f.kind for f in evaluate(ctx((empty,)))] == []


def test_declared_storage_never_seen_is_declared_not_observed() -> None:
    records = (storage("theme"), storage(MIXPANEL))
    unseen = of_kind(ctx(records, declarations=DECLARED), "declared_not_observed")
    assert {f.subject for f in unseen} == {
        "keyval-store/* (indexedDB)", "never_written (sessionStorage)",
    }  # fmt: skip
    assert {f.declaration_line for f in unseen} == {2, 11}


def test_a_key_of_another_kind_is_not_covered_by_a_declaration() -> None:
    record = storage("theme", kind=StorageKind.SESSION)
    assert of_kind(ctx((record,), declarations=DECLARED), "undeclared_storage")


def test_cookie_findings_are_exactly_the_same_with_storage_present() -> None:
    cookies = (cookie("_ga", domain=".example.test"), cookie("tp", party=Party.THIRD))

    def judged(records: tuple[StorageRecord, ...]) -> list[Finding]:
        observation = page(ConsentState.NONE, cookies=cookies, storage=records)
        result = StateResult(ConsentState.NONE, ConsentEvidence(ConsentState.NONE, True),
                             (observation,))  # fmt: skip
        found = evaluate(rule_context(Declarations(), (result,), None))
        return [f for f in found if f.storage_kind is None]

    assert judged((third("chat_id"), storage(MIXPANEL))) == judged(())
