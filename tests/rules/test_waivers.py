"""Waivers: parsing the ``waivers`` section, and applying active, expired and stale waivers."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import jsonschema
import pytest
from sample_records import finding
from samples import realistic_scan

from scanner.declared.loader import parse_declarations
from scanner.errors import ConfigError
from scanner.model import ConsentState, Severity, Waiver
from scanner.report.context.verdict import decide
from scanner.report.formats import json_report
from scanner.report.schema import load_schema
from scanner.rules.waivers import apply_waivers, is_expired, waiver_matches

TODAY = date(2025, 6, 1)


def waiver(kind: str = "undeclared_cookie", subject: str = "ab_bucket @ *", **kw: object) -> Waiver:
    fields: dict[str, object] = {
        "reason": "A/B test ends in July",
        "owner": "web-team@example.com",
        "expires": "2025-07-31",
        "line": 30,
    }
    return Waiver(kind, subject, **{**fields, **kw})  # type: ignore[arg-type]


AB = finding("undeclared_cookie", subject="ab_bucket @ shop.example.test")
GA = finding("cookie_before_consent", Severity.HIGH, subject="_ga @ .example.test")


def test_an_active_waiver_marks_matching_findings_and_keeps_them() -> None:
    active = waiver()
    out = apply_waivers([AB, GA], [active], TODAY)
    assert len(out) == 2
    by_kind = {f.kind: f for f in out}
    assert by_kind["undeclared_cookie"].waiver == active
    assert by_kind["cookie_before_consent"].waiver is None


def test_the_expiry_day_itself_is_still_covered() -> None:
    last_day = waiver(expires=TODAY.isoformat())
    assert not is_expired(last_day, TODAY)
    assert apply_waivers([AB], [last_day], TODAY)[0].waiver == last_day


def test_an_expired_waiver_waives_nothing_and_is_a_high_finding() -> None:
    expired = waiver(expires="2025-05-31")
    out = apply_waivers([AB], [expired], TODAY)
    assert [f.kind for f in out] == ["waiver_expired", "undeclared_cookie"]
    gone, original = out
    assert original.waiver is None
    assert gone.severity is Severity.HIGH
    assert gone.declaration_line == 30
    assert gone.subject == "undeclared_cookie: ab_bucket @ *"
    assert dict(gone.evidence) == {
        "reason": "A/B test ends in July",
        "owner": "web-team@example.com",
        "expires": "2025-05-31",
        "matches": "1",
    }
    assert decide(replace(realistic_scan(), findings=out), Severity.HIGH).failed


def test_an_unmatched_waiver_is_reported_as_stale() -> None:
    out = apply_waivers([GA], [waiver(subject="gone_cookie @ *")], TODAY)
    stale = [f for f in out if f.kind == "waiver_stale"]
    assert len(stale) == 1
    assert stale[0].severity is Severity.INFO
    assert "matches no finding" in stale[0].message
    assert all(f.waiver is None for f in out)


def test_a_state_limits_the_waiver() -> None:
    only_reject = waiver(state=ConsentState.REJECT)
    assert not waiver_matches(only_reject, AB)
    assert waiver_matches(only_reject, replace(AB, state=ConsentState.REJECT))
    out = apply_waivers([AB], [only_reject], TODAY)
    assert {f.kind for f in out} == {"undeclared_cookie", "waiver_stale"}


def test_kind_and_subject_globs() -> None:
    everything_ab = waiver(kind="*", subject="ab_bucket @ *")
    assert waiver_matches(everything_ab, AB)
    assert not waiver_matches(everything_ab, GA)
    assert not waiver_matches(waiver(subject="ab_bucket"), AB)  # exact means exact


def test_a_finding_already_waived_is_left_alone() -> None:
    by_policy = Waiver("undeclared_cookie", "x", "policy", "policy", "never")
    out = apply_waivers([replace(AB, waiver=by_policy)], [waiver()], TODAY)
    assert next(f for f in out if f.kind == "undeclared_cookie").waiver == by_policy
    assert any(f.kind == "waiver_stale" for f in out)
    assert not is_expired(by_policy, TODAY)


def test_waived_findings_do_not_fail_the_scan() -> None:
    result = replace(
        realistic_scan(), findings=apply_waivers([GA], [waiver(kind="*", subject="_ga @ *")], TODAY)
    )
    assert not decide(result, Severity.LOW).failed


SECTION = """\
cookies:
  - name: ab_bucket
    category: functional
waivers:
  - kind: undeclared_cookie
    subject: "ab_bucket @ *"
    state: reject
    reason: A/B test ends in July
    owner: web-team@example.com
    expires: 2025-07-31
  - kind: "lifetime_*"
    subject: "_ga @ *"
    reason: Vendor default
    owner: privacy
    expires: "2025-09-30"
"""


def test_the_waivers_section_is_parsed_with_lines() -> None:
    decls = parse_declarations(SECTION, "expected_cookies.yaml")
    first, second = decls.waivers
    assert first == Waiver(
        "undeclared_cookie",
        "ab_bucket @ *",
        "A/B test ends in July",
        "web-team@example.com",
        "2025-07-31",
        5,
        ConsentState.REJECT,
    )
    assert (second.kind, second.expires, second.state, second.line) == (
        "lifetime_*",
        "2025-09-30",
        None,
        11,
    )


def test_a_waiver_may_name_the_gpc_accept_state() -> None:
    text = SECTION.replace("state: reject", "state: GPC-Accept")
    assert parse_declarations(text).waivers[0].state is ConsentState.GPC_ACCEPT


def test_a_waiver_far_in_the_future_warns() -> None:
    warnings: list[str] = []
    text = SECTION.replace("2025-07-31", "2999-01-01")
    parse_declarations(text, "expected_cookies.yaml", warnings.append)
    assert len(warnings) == 1
    assert warnings[0].startswith("expected_cookies.yaml:10: waivers[0].expires: 2999-01-01")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    owner: privacy\n",
            "",
            "expected_cookies.yaml:11: waivers[1]: missing required key 'owner'",
        ),
        (
            "2025-07-31",
            "31/07/2025",
            "expected_cookies.yaml:10: waivers[0].expires: expected a date",
        ),
        (
            "2025-07-31",
            "2025-02-30",
            "expected_cookies.yaml:10: waivers[0].expires: expected a date",
        ),
        (
            "    expires: 2025-07-31\n",
            "",
            "expected_cookies.yaml:5: waivers[0]: missing required key 'expires'",
        ),
        (
            "kind: undeclared_cookie",
            "kind: undeclared_cookies",
            "did you mean 'undeclared_cookie'?",
        ),
        (
            "kind: undeclared_cookie",
            "kind: waiver_expired",
            "waiver findings cannot themselves be waived",
        ),
        (
            "state: reject",
            "state: later",
            "expected_cookies.yaml:7: waivers[0].state: 'later' is not a consent state (none, "
            "accept, reject, gpc, gpc-accept)",
        ),
        (
            "reason: Vendor default",
            "reason: ''",
            "expected_cookies.yaml:13: waivers[1].reason: must not be empty",
        ),
        ('"lifetime_*"', "undeclared_cookie", None),
    ],
)
def test_bad_waivers_name_file_line_and_key(old: str, new: str, expected: str | None) -> None:
    text = SECTION.replace(old, new, 1)
    if expected is None:  # same kind, different subject: fine
        assert len(parse_declarations(text, "expected_cookies.yaml").waivers) == 2
        return
    with pytest.raises(ConfigError) as caught:
        parse_declarations(text, "expected_cookies.yaml")
    assert expected in str(caught.value)


def test_the_same_waiver_twice_is_refused() -> None:
    entry = "  - {kind: page_failed, subject: x, reason: r, owner: o, expires: 2025-01-01}\n"
    with pytest.raises(ConfigError, match=r"y.yaml:3: waivers\[1\]: .* twice \(first at line 2\)"):
        parse_declarations("waivers:\n" + entry + entry, "y.yaml")


def test_waived_findings_and_waivers_validate_against_the_report_schema() -> None:
    decls = parse_declarations(SECTION, "expected_cookies.yaml")
    findings = apply_waivers([AB, replace(AB, state=ConsentState.REJECT)], decls.waivers, TODAY)
    result = replace(realistic_scan(), declarations=decls, findings=findings)
    data = json.loads(json_report.render(result))
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    waived = [f for f in data["findings"] if f["waiver"]]
    assert waived[0]["waiver"]["state"] == "reject"
    assert data["declarations"]["waivers"][0]["owner"] == "web-team@example.com"
