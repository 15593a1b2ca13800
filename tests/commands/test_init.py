"""`cookiescan init`: a draft of what was seen; a re-scan against it finds nothing undeclared."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_records import SITE, cookie, meta, page, tracker
from samples import judged

from scanner.cli import main
from scanner.commands.init import draft_text
from scanner.declared.loader import load_declarations, parse_declarations
from scanner.demo.server import LocalSite
from scanner.knowledge import load_knowledge
from scanner.model import (
    ConsentEvidence,
    ConsentState,
    Declarations,
    Party,
    Phase,
    ScanResult,
    StateResult,
)
from scanner.policy.from_scan import draft_cookies
from scanner.report.formats.json_report import loads
from scanner.rules import evaluate
from scanner.rules.context import rule_context

UNDECLARED = {
    "undeclared_cookie",
    "undeclared_third_party",
    "unclassified_cookie",
    "undeclared_fingerprinting",
}


def observed() -> ScanResult:
    cookies = (
        cookie("_ga", domain=".example.test", lifetime_requested=63_072_000),
        cookie("odd[name]*", lifetime_requested=100),
        cookie("zz_id", domain="px.tracker.test", party=Party.THIRD, phase=Phase.AFTER_CONSENT),
    )
    requests = (
        tracker("https://www.google-analytics.com/g/collect?x=1", "google-analytics.com"),
        tracker("https://px.tracker.test/p.gif", "tracker.test"),
    )
    state = ConsentState.NONE
    observation = page(state, cookies=cookies, requests=requests)
    result = StateResult(state, ConsentEvidence(state, True), (observation,))
    return judged(ScanResult(meta(), Declarations(), (result,), ()))


def test_the_draft_attributes_generic_names_only_where_they_fit() -> None:
    cookies = (
        cookie("sessionid", domain="shop.example.test"),
        cookie("lang", domain="shop.example.test"),
        cookie("_fbp", domain=".example.test"),
    )
    state = ConsentState.NONE
    result = StateResult(state, ConsentEvidence(state, True), (page(state, cookies=cookies),))
    drafts = {
        d.name: d for d in draft_cookies(judged(ScanResult(meta(), Declarations(), (result,), ())))
    }
    assert (
        drafts["sessionid"].provider == ""
        and "not in the knowledge base" in drafts["sessionid"].review
    )
    assert drafts["lang"].provider == ""
    assert drafts["_fbp"].provider == "Facebook"
    assert "by its name alone (medium confidence" in drafts["_fbp"].review


def test_the_draft_declares_everything_observed() -> None:
    result = observed()
    text = draft_text(result)
    decls = parse_declarations(text, "draft.yaml")
    by_name = {c.name: c for c in decls.cookies}
    assert by_name["_ga"].category.value == "analytics"
    assert (
        by_name["_ga"].provider == "Google Analytics" and by_name["_ga"].max_age_text == "2 years"
    )
    assert by_name["zz_id"].category.value == "necessary" and by_name["zz_id"].max_age is None
    assert text.count("# REVIEW:") == 3  # odd name, zz_id, tracker.test
    domains = {t.domain: t for t in decls.third_parties}
    assert domains["google-analytics.com"].provider == "Google"
    again = evaluate(rule_context(decls, result.states, load_knowledge()))
    assert not {f.kind for f in again} & UNDECLARED
    assert SITE in text


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "expected_cookies.yaml"
    out.write_text("cookies: []\n", encoding="utf-8")
    assert main(["init", "https://www.example.test/", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "cookies: []\n"


@pytest.mark.browser
def test_init_then_rescan_has_no_undeclared_findings(demo_site: LocalSite, tmp_path: Path) -> None:
    url = demo_site.url("www.demo-shop.test", "/")
    resolve = [f"--resolve={r}" for r in demo_site.resolve_rules]
    flags = ["--ignore-https-errors", "--settle", "1", *resolve]
    draft = tmp_path / "expected_cookies.yaml"
    assert main(["init", url, "--out", str(draft), *flags]) == 0
    decls = load_declarations(draft)
    names = {c.name for c in decls.cookies}
    assert {"_tl_id", "ab_bucket", "sessionid", "tl_uid", "adn_uid"} <= names
    domains = {t.domain for t in decls.third_parties}
    assert {"tracklytics.test", "adnetwork.test", "cdnhub.test"} <= domains
    techniques = {(t.technique, t.script) for t in decls.techniques}
    assert ("canvas", "devicecheck.test") in techniques
    assert ("session_recording", "replayhub.test") in techniques
    reports = tmp_path / "reports"
    main(["scan", url, "--declared", str(draft), "--out", str(reports), "--format", "json", *flags])
    result = loads(next(reports.rglob("report.json")).read_text("utf-8"))
    assert result.states and not {f.kind for f in result.findings} & UNDECLARED
    assert main(["init", url, "--out", str(draft), *flags]) == 2
