"""The storage collector's pure parts: hook reports checked, items read, writes joined."""

from __future__ import annotations

from scanner.crawl.collectors.storage.attribution import NO_STACK, NOT_HOOKED, attribute
from scanner.crawl.collectors.storage.read import items_of, site_of
from scanner.crawl.collectors.storage.writes import StorageWrites, parse_write
from scanner.crawl.devtools.worker_hooks import worker_report
from scanner.crawl.navigation.first_party import FirstParty
from scanner.crawl.record.recorder import StateRecorder
from scanner.model import ConsentState, Party, Phase, StorageKind

SHOP = "https://www.shop.test"
CHOICE = 1_000.0


def phase(at: float) -> Phase:
    return Phase.AFTER_CONSENT if at >= CHOICE else Phase.BEFORE_CONSENT


def party(origin: str) -> Party:
    return Party.FIRST if "shop.test" in origin else Party.THIRD


def test_hook_reports_are_checked_and_bounded() -> None:
    write = parse_write("localStorage", "k" * 5000, f"{SHOP}/a.js", f"{SHOP}/p?q=1", 500_000, None)
    assert write is not None and write.origin == SHOP and len(write.key) == 2000
    assert (write.frame, write.at) == (f"{SHOP}/p?q=1", 500.0)
    assert parse_write("cookies", "k", "", SHOP, 1, None) is None  # not a storage kind
    assert parse_write("localStorage", "k", "", "about:blank", 1, None) is None
    assert parse_write("localStorage", "k", "", SHOP, "soon", None) is None
    worker = parse_write("cacheStorage", "v1", "", f"{SHOP}/sw.js", 1, "service worker x")
    assert worker is not None and worker.frame == "service worker x" and worker.script is None


def test_items_of_a_frame_reading_with_partition_for_a_cross_site_frame() -> None:
    found = {
        "origin": "https://chat.vendor.test",
        "local": [["id", 12], ["bad"], "x", ["n", "12"]],
        "session": [],
        "idb": [["db/store", 3]],
        "caches": [["v1", 0]],
    }
    items = items_of(found, "https://chat.vendor.test/f.html", site_of(f"{SHOP}/"))
    assert [(i.kind, i.key, i.size, i.count) for i in items] == [
        (StorageKind.LOCAL, "id", 12, None),
        (StorageKind.INDEXEDDB, "db/store", 0, 3),
        (StorageKind.CACHE, "v1", 0, 0),
    ]
    assert {i.partition for i in items} == {"https://shop.test"}
    own = items_of({"origin": SHOP, "local": [["id", 1]]}, SHOP, "https://shop.test")
    assert own[0].partition is None
    assert items_of({"origin": "null", "local": [["id", 1]]}, SHOP, None) == []


def test_the_first_write_names_the_writer_and_its_phase() -> None:
    writes = StorageWrites()
    writes.add(parse_write("localStorage", "id", f"{SHOP}/sdk.js", f"{SHOP}/", 900_000, None))
    writes.add(parse_write("localStorage", "id", f"{SHOP}/other.js", f"{SHOP}/", 1_100_000, None))
    writes.add(parse_write("localStorage", "inline", "", f"{SHOP}/", 1_100_000, None))
    found = {"origin": SHOP, "local": [["id", 5], ["inline", 1], ["quiet", 2]]}
    items = items_of(found, f"{SHOP}/", "https://shop.test")
    records = attribute(items, writes.all(), party, phase, 1_200.0, f"{SHOP}/page")
    by_key = {r.key: r for r in records}
    first = by_key["id"]
    assert (first.writer, first.writer_frame) == (f"{SHOP}/sdk.js", f"{SHOP}/")
    assert (first.phase, first.written_phase) == (Phase.AFTER_CONSENT, Phase.BEFORE_CONSENT)
    assert (by_key["inline"].writer, by_key["inline"].writer_unknown) == (None, NO_STACK)
    assert (by_key["quiet"].written_phase, by_key["quiet"].writer_unknown) == (None, NOT_HOOKED)
    assert {r.party for r in records} == {Party.FIRST} and first.page_url == f"{SHOP}/page"


def test_worker_storage_reports_carry_the_worker_url_and_hooks_reach_workers() -> None:
    recorder = StateRecorder(ConsentState.NONE, FirstParty(SHOP), b"k" * 32)
    arity = {b.kind: b.arity for c in recorder.collectors for b in c.worker_bindings}
    report = worker_report(
        '["storage", "cacheStorage", "v1", "https://x.test/sw.js", "", 5]', f"{SHOP}/sw.js", arity
    )
    assert report is not None and report.kind == "storage"
    assert report.args == ("cacheStorage", "v1", "https://x.test/sw.js", f"{SHOP}/sw.js", 5)
    assert worker_report('["storage", "x"]', SHOP, arity) is None
    [(_, evaluate), _binding] = recorder.worker_commands
    script = str(evaluate["expression"])
    assert "IDBObjectStore" in script and "__cookiescanStorageHooked" in script
