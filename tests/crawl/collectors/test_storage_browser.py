"""Storage is evidence too, in the real Chromium with real npm libraries: Mixpanel keeping its
visitor id in localStorage, idb-keyval keeping one in IndexedDB, a service worker filling Cache
Storage and a chat widget's third-party iframe writing its own (partitioned) storage."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Finding, Party, Phase, ScanResult, StorageRecord

pytestmark = pytest.mark.browser
TESTS = Path(__file__).parents[2]
MODULES = TESTS / "cmp-packages" / "node_modules"
LIBRARIES = ("mixpanel-browser", "idb-keyval")
SHOP = "https://www.storageshop.test"
CHAT = "https://widgets.chatvendor.test"
MIXPANEL = "mp_storageshop-token_mixpanel"


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScanResult]:
    missing = [lib for lib in LIBRARIES if not (MODULES / lib / "package.json").is_file()]
    if missing:
        pytest.skip(f"npm packages {', '.join(missing)} not installed: run 'make cmp-fixtures'")
    root = tmp_path_factory.mktemp("storage")
    shutil.copytree(TESTS / "sites" / "storage", root, dirs_exist_ok=True)
    for lib in LIBRARIES:
        shutil.copytree(MODULES / lib, root / "www.storageshop.test" / "lib" / lib)
    with LocalSite(root) as site:
        yield scan_site(site, "www.storageshop.test", depth=1)


def _records(result: ScanResult, key: str, state: ConsentState) -> list[StorageRecord]:
    found = (r for s in result.states if s.state is state for r in s.storage())
    return [r for r in found if r.key == key]


def _finding(result: ScanResult, kind: str, key: str) -> Finding:
    return next(f for f in result.findings if f.kind == kind and f.storage_key == key)


def test_the_analytics_sdk_localstorage_persistence_is_recorded_with_its_writer(
    shop: ScanResult,
) -> None:
    [record, *_] = _records(shop, MIXPANEL, ConsentState.NONE)
    assert (record.origin, record.kind.value, record.party) == (SHOP, "localStorage", Party.FIRST)
    assert record.writer == f"{SHOP}/lib/mixpanel-browser/dist/mixpanel.umd.js"
    assert record.writer_frame == f"{SHOP}/" and record.value_length > 0
    found = _finding(shop, "storage_before_consent", MIXPANEL)
    evidence = dict(found.evidence)
    assert evidence["known_vendor"] == "Mixpanel" and evidence["known_category"] == "analytics"
    assert found.subject == f"{MIXPANEL} @ {SHOP} (localStorage)"
    assert _finding(shop, "undeclared_storage", MIXPANEL)


def test_a_key_written_before_reject_all_and_still_there_is_kept_evidence(
    shop: ScanResult,
) -> None:
    [record] = _records(shop, MIXPANEL, ConsentState.REJECT)
    assert (record.phase, record.written_phase) == (Phase.AFTER_CONSENT, Phase.BEFORE_CONSENT)
    evidence = dict(_finding(shop, "storage_after_reject", MIXPANEL).evidence)
    assert evidence["kept_from_before_choice"].startswith("written before the choice")
    assert SHOP + "/" in evidence["pages"]


def test_indexeddb_stores_are_recorded_with_counts_and_the_library_as_writer(
    shop: ScanResult,
) -> None:
    [record, *_] = _records(shop, "keyval-store/keyval", ConsentState.NONE)
    assert record.kind.value == "indexedDB" and record.count == 1
    assert record.writer == f"{SHOP}/lib/idb-keyval/dist/umd.js"
    found = _finding(shop, "storage_before_consent", "keyval-store/keyval")
    assert found.declaration_line is not None  # declared analytics in expected_cookies.yaml
    assert not [f for f in shop.findings if f.kind == "undeclared_storage"
                and f.storage_key == "keyval-store/keyval"]  # fmt: skip


def test_a_service_worker_filling_cache_storage_is_the_writer(shop: ScanResult) -> None:
    records = [r for s in shop.states for r in s.storage() if r.kind.value == "cacheStorage"]
    assert {r.key for r in records} == {"storageshop-offline-v1"}
    assert all(r.count == 1 for r in records)
    assert {r.writer_frame for r in records} == {f"service worker {SHOP}/sw.js"}
    assert {r.writer for r in records} == {f"{SHOP}/sw.js"}
    judged = [f for f in shop.findings if f.storage_key == "storageshop-offline-v1"]
    assert judged == []  # declared necessary


def test_a_third_party_iframe_writes_its_own_partitioned_storage(shop: ScanResult) -> None:
    [record, *_] = _records(shop, "chat_visitor_id", ConsentState.NONE)
    assert (record.origin, record.party) == (CHAT, Party.THIRD)
    assert record.partition == "https://storageshop.test"
    assert record.writer == record.writer_frame == f"{CHAT}/frame.html"
    for kind in ("undeclared_storage", "storage_before_consent", "storage_after_reject"):
        evidence = dict(_finding(shop, kind, "chat_visitor_id").evidence)
        assert evidence["partition"] == "https://storageshop.test"
        assert evidence["category"] == "unknown"  # unknown third party: non-necessary


def test_an_unhooked_write_says_why_its_writer_is_unknown(shop: ScanResult) -> None:
    [record, *_] = _records(shop, "ui_theme", ConsentState.NONE)
    assert record.writer is None
    assert record.writer_unknown is not None and "property assignment" in record.writer_unknown
    assert not [f for f in shop.findings if f.storage_key == "ui_theme"]  # declared necessary


def test_a_declared_key_never_seen_and_cookies_are_judged_as_before(shop: ScanResult) -> None:
    unseen = {f.subject for f in shop.findings if f.kind == "declared_not_observed"}
    assert unseen == {"legacy_basket (localStorage)"}
    cookie_kinds = {f.kind for f in shop.findings if f.cookie_name}
    assert "undeclared_cookie" not in cookie_kinds  # ss_consent is declared
