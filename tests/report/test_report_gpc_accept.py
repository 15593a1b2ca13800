"""Reports carry the gpc-accept state: its signals beside gpc's, the outcome, the kinds."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest
from beyond_samples import beyond_scan
from report_helpers import soup
from sample_records import finding, page
from samples import judged

from scanner.model import ConsentEvidence, ConsentState, ScanResult, Severity, StateResult
from scanner.report import OutputFormat, render
from scanner.report.formats import json_report
from scanner.report.formats.html import render_html
from scanner.report.schema import load_schema

GPC_ACCEPT = ConsentState.GPC_ACCEPT
SIGNALS = (
    ("gpc.header", "Sec-GPC: 1"),
    ("usp.string", "1YNN"),
    ("gpp.string", "<i>DBABLA</i>"),
)


def gpc_accept_scan(kind: str = "gpc_overridden_by_accept") -> ScanResult:
    """The beyond scan (with its gpc state) plus a gpc-accept state and one outcome of ``kind``."""
    base = beyond_scan()
    consent = ConsentEvidence(GPC_ACCEPT, True, "declared", signals=SIGNALS)
    chosen = StateResult(GPC_ACCEPT, consent, (page(GPC_ACCEPT),))
    severity = Severity.MEDIUM if kind == "gpc_overridden_by_accept" else Severity.INFO
    outcome = finding(kind, severity, state=GPC_ACCEPT, subject="adx.test")
    meta = replace(base.meta, states=(*base.meta.states, GPC_ACCEPT))
    return judged(
        replace(base, meta=meta, states=(*base.states, chosen), findings=(*base.findings, outcome))
    )


def beyond_text(result: ScanResult) -> tuple[list[str], str]:
    section = soup(render_html(result)).find("section", id="beyond")
    assert section is not None and section.find("i") is None  # site text stays text
    return [h.get_text() for h in section.find_all("h3")], " ".join(section.get_text(" ").split())


def test_the_html_section_compares_with_the_gpc_state_and_says_the_outcome() -> None:
    headings, text = beyond_text(gpc_accept_scan())
    assert headings == ["none", "accept", "reject", "gpc", "gpc-accept"]
    assert '"accept all" made, with Global Privacy Control on' in text
    assert "1YNN (gpc, no choice: 1YYN)" in text
    assert "<i>DBABLA</i> (gpc, no choice: absent)" in text
    assert "the accept overrides GPC, not declared: adx.test" in text
    assert "ignored: adx.test" in text  # the gpc state's own outcome is unchanged


def test_a_declared_override_and_a_site_that_honours_gpc_after_accept() -> None:
    _, text = beyond_text(gpc_accept_scan("gpc_override_declared"))
    assert "the accept overrides GPC, as declared (policy.accept_overrides_gpc): adx.test" in text
    result = gpc_accept_scan()
    honoured = replace(result, findings=result.findings[:-1])
    _, text = beyond_text(honoured)
    assert "no advertising third party was turned on by the accept" in text


def test_the_json_report_validates_and_round_trips_the_state() -> None:
    text = json_report.render(gpc_accept_scan())
    data = json.loads(text)
    jsonschema.validate(data, load_schema())
    assert data["meta"]["states"][-1] == "gpc-accept"
    again = json_report.loads(text)
    assert again.states[-1].state is GPC_ACCEPT
    assert any(
        f.kind == "gpc_overridden_by_accept" and f.state is GPC_ACCEPT for f in again.findings
    )


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (OutputFormat.SARIF, '"state": "gpc-accept"'),
        (OutputFormat.JUNIT, 'name="cookiescan.gpc-accept"'),
        (OutputFormat.MARKDOWN, "| gpc-accept |"),
        (OutputFormat.TERMINAL, "applied, GPC on"),
    ],
)
def test_every_format_carries_the_state_and_the_kind(fmt: OutputFormat, expected: str) -> None:
    out = render(fmt, gpc_accept_scan())
    assert expected in out
    assert "gpc_overridden_by_accept" in out or "overridden by" in out
