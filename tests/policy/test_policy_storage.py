"""Storage in policies and drafts: a table's type column, drafts with type:, the comparison."""

from __future__ import annotations

from sample_records import meta, page, storage

from scanner.commands.import_policy import draft_from_policy
from scanner.declared.loader import parse_declarations
from scanner.judge import judge_scan
from scanner.knowledge import load_knowledge
from scanner.knowledge.explain import explain
from scanner.model import (
    ConsentEvidence,
    ConsentState,
    Declarations,
    ScanResult,
    StateResult,
    StorageKind,
)
from scanner.policy.compare import Status, compare
from scanner.policy.from_scan import draft_storage
from scanner.policy.model import Policy, PolicyCookie
from scanner.policy.source import parse_policy

COOKIEBOT_TABLE = """<html><body><h2>Statistics</h2>
<table><tr><th>Name</th><th>Provider</th><th>Purpose</th><th>Expiry</th><th>Type</th></tr>
<tr><td>_ga</td><td>Google</td><td>Visitor id</td><td>2 years</td><td>HTTP Cookie</td></tr>
<tr><td>mp_*_mixpanel</td><td>Mixpanel</td><td>Visitor id</td><td>Persistent</td>
    <td>HTML Local Storage</td></tr>
<tr><td>keyval-store/keyval</td><td>Shop</td><td>Visitor id</td><td>Persistent</td>
    <td>IndexedDB</td></tr>
</table>
<h2>Të nevojshme</h2>
<table><tr><th>Emri</th><th>Ofruesi</th><th>Lloji</th></tr>
<tr><td>basket_v2</td><td>Dyqani</td><td>Ruajtje lokale HTML</td></tr></table>
</body></html>"""


def test_a_policy_type_column_names_storage_entries_in_several_languages() -> None:
    policy = parse_policy(COOKIEBOT_TABLE, "p.html", load_knowledge())
    types = {c.name: c.type for c in policy.cookies}
    assert types == {
        "_ga": "cookie", "mp_*_mixpanel": "local_storage",
        "keyval-store/keyval": "indexeddb", "basket_v2": "local_storage",
    }  # fmt: skip
    draft = parse_declarations(draft_from_policy(policy))
    assert [c.name for c in draft.cookies] == ["_ga"]
    kinds = {s.name: s.kind for s in draft.storage}
    assert kinds["keyval-store/keyval"] is StorageKind.INDEXEDDB
    assert kinds["basket_v2"] is StorageKind.LOCAL


def _scan(declared: Declarations, *records: object) -> ScanResult:
    observation = page(ConsentState.NONE, storage=records)
    state = StateResult(ConsentState.NONE, ConsentEvidence(ConsentState.NONE, True), (observation,))
    judgement = judge_scan(declared, (state,), None)
    return ScanResult(meta(), declared, (state,), (), judgement)


def test_init_drafts_storage_entries_that_load_back() -> None:
    result = _scan(
        Declarations(),
        storage("mp_t_mixpanel"),
        storage("db/store", kind=StorageKind.INDEXEDDB, count=2),
        storage("empty/store", kind=StorageKind.INDEXEDDB, count=0),
    )
    drafts = {d.name: d for d in draft_storage(result)}
    assert set(drafts) == {"mp_t_mixpanel", "db/store"}  # an empty store holds nothing
    assert drafts["mp_t_mixpanel"].provider == "Mixpanel" and drafts["db/store"].type == "indexeddb"


def test_check_policy_compares_storage_keys_by_type() -> None:
    declared = parse_declarations(
        "cookies:\n  - name: theme\n    type: local_storage\n    category: necessary\n"
        "  - name: ghost\n    type: session_storage\n    category: functional\n"
    )
    policy = Policy("p", (PolicyCookie("theme", type="local_storage"),
                          PolicyCookie("theme", type="cookie")))  # fmt: skip
    result = _scan(declared, storage("theme"), storage("cart"))
    rows = {(r.type, r.name): r.status for r in compare(policy, declared, result)}
    assert rows[("local_storage", "theme")] is Status.EVERYWHERE
    assert rows[("session_storage", "ghost")] is Status.DECLARED_ONLY
    assert rows[("local_storage", "cart")] is Status.OBSERVED_ONLY
    assert rows[("cookie", "theme")] is Status.POLICY_ONLY


def test_explain_answers_for_a_storage_key() -> None:
    lines = explain("keyval-store/keyval", load_knowledge())
    assert lines[0].startswith("Nothing known")
    lines = explain("ajs_anonymous_id", load_knowledge())
    expected = "Storage 'ajs_anonymous_id' (localStorage): Segment"
    assert any(line.startswith(expected) for line in lines)
