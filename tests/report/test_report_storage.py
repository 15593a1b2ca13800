"""Storage in every report format: findings, the inventory's writer and declared line, escaping."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from sample_records import meta, page, storage

from scanner.declared.loader import parse_declarations
from scanner.model import (
    ConsentEvidence,
    ConsentState,
    Party,
    Phase,
    ScanResult,
    StateResult,
    StorageKind,
)
from scanner.report import OutputFormat, render
from scanner.report.formats.json_report import loads
from scanner.rules import evaluate
from scanner.rules.context import rule_context

HOSTILE = "<img src=x onerror=alert(1)>"
DECLARED = parse_declarations(
    "cookies:\n  - name: db/*\n    type: indexeddb\n    category: analytics\n", "d.yaml"
)


def _scan() -> ScanResult:
    records = (
        storage(HOSTILE, origin="https://chat.vendor.test", party=Party.THIRD,
                writer=f"https://chat.vendor.test/{HOSTILE}.js", partition="https://example.test"),
        storage("db/store", kind=StorageKind.INDEXEDDB, count=4, value_length=0,
                phase=Phase.AFTER_CONSENT, written_phase=Phase.BEFORE_CONSENT),
    )  # fmt: skip
    before = tuple(replace(r, phase=Phase.BEFORE_CONSENT) for r in records)
    states = tuple(
        StateResult(s, ConsentEvidence(s, True), (page(s, storage=stored),))
        for s, stored in ((ConsentState.NONE, before), (ConsentState.REJECT, records))
    )
    context = rule_context(DECLARED, states, None)
    return ScanResult(meta(), DECLARED, states, evaluate(context), context.judgement)


def test_the_html_inventory_shows_storage_with_writer_and_declared_line_escaped() -> None:
    html = render(OutputFormat.HTML, _scan())
    assert HOSTILE not in html
    rows = BeautifulSoup(html, "html.parser").select("#storage-table tbody tr")
    cells = {r.find("td").get_text(): [td.get_text() for td in r.find_all("td")] for r in rows}
    store = cells["db/store"]
    assert store[4:6] == ["before consent", "kept (before consent)"]
    assert "line 2" in store[6] and store[8] == "4 entries"
    assert "partitioned under https://example.test" in cells[HOSTILE][2]
    assert cells[HOSTILE][9].startswith("https://chat.vendor.test/")


@pytest.mark.parametrize("fmt", [f for f in OutputFormat if f is not OutputFormat.TERMINAL])
def test_every_format_carries_the_storage_findings(fmt: OutputFormat) -> None:
    text = render(fmt, _scan())
    if fmt is OutputFormat.MARKDOWN:  # titles, not kinds
        assert "storage written before consent" in text
        assert "Storage item not in the declared list" in text
    else:
        for kind in ("storage_before_consent", "storage_after_reject", "undeclared_storage"):
            assert kind in text
    assert "db/store" in text
    assert HOSTILE not in text or fmt in (OutputFormat.JSON, OutputFormat.SARIF)


def test_the_json_report_round_trips_storage_fields() -> None:
    result = _scan()
    again = loads(render(OutputFormat.JSON, result))
    assert again.states == result.states
    assert [f.identity for f in again.findings] == [f.identity for f in result.findings]
    data = json.loads(render(OutputFormat.JSON, result))
    stored = data["states"][0]["observations"][0]["storage"][1]
    assert (stored["count"], stored["written_phase"]) == (4, "before_consent")
    assert data["declarations"]["storage"][0]["kind"] == "indexedDB"
