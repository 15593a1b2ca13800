"""Plain output for CI logs and GitHub annotations: one escaped line per finding, located."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from samples import hostile_scan, realistic_scan

from scanner.cli import main
from scanner.commands.demo import DEMO_HOST, demo_site_root
from scanner.demo.server import LocalSite
from scanner.errors import ExitCode
from scanner.model import ScanResult, Severity, Waiver
from scanner.report.console.annotations import (
    MAX_ANNOTATIONS,
    annotation_lines,
    escape_data,
    escape_property,
    repo_path,
)
from scanner.report.console.plain import finding_line, plain_lines
from scanner.report.console.stdout import (
    OutputStyle,
    chosen_style,
    print_annotations,
    print_summary,
)
from scanner.report.context import ReportContext, ReportOptions, build_context

# The documented line: SEVERITY KIND state=STATE subject="…" page="…" message="…" [extras]
LINE = re.compile(
    r"^(?P<severity>HIGH|MEDIUM|LOW|INFO) (?P<kind>[a-z_0-9]+)"
    r" state=(?P<state>none|accept|reject|-)"
    r' subject="(?P<subject>(?:[^"\\]|\\.)*)" page="(?P<page>(?:[^"\\]|\\.)*)"'
    r' message="(?P<message>(?:[^"\\]|\\.)*)"(?P<extra>( [a-z_]+=\S+)*)$'
)
SUMMARY = re.compile(
    r"^SUMMARY findings=\d+ high=\d+ medium=\d+ low=\d+ info=\d+ waived=\d+ pages=\d+ "
    r"fail_on=(info|low|medium|high|never) verdict=(pass|fail)( interrupted=yes)?$"
)


def _ctx(
    result: ScanResult,
    fail_on: Severity | None = Severity.MEDIUM,
    baseline: ScanResult | None = None,
    only_new: bool = False,
) -> ReportContext:
    return build_context(result, ReportOptions(fail_on, baseline, only_new))


def _lines(result: ScanResult, fail_on: Severity | None = Severity.MEDIUM) -> list[str]:
    return plain_lines(_ctx(result, fail_on))


def test_one_line_per_finding_most_severe_first_then_the_summary() -> None:
    result = realistic_scan()
    lines = _lines(result)
    assert len(lines) == len(result.findings) + 1
    parsed = [LINE.match(line) for line in lines[:-1]]
    assert all(parsed), [ln for ln, m in zip(lines, parsed, strict=False) if not m]
    ranks = [Severity(m["severity"].lower()).rank for m in parsed if m]
    assert ranks == sorted(ranks, reverse=True)
    assert sorted((m["kind"], m["subject"]) for m in parsed if m) == sorted(
        (f.kind, f.subject) for f in result.findings
    )
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert lines[-1].startswith("SUMMARY findings=11 high=5 medium=3 low=2 info=1 waived=0")
    assert lines[-1].endswith("fail_on=medium verdict=fail")


def test_a_finding_line_holds_the_documented_fields() -> None:
    finding = next(f for f in realistic_scan().findings if f.kind == "cookie_after_reject")
    assert finding_line(finding) == (
        'HIGH cookie_after_reject state=reject subject="IDE" '
        f'page="{finding.page}" message="IDE set after reject"'
    )
    stateless = next(f for f in realistic_scan().findings if f.page is None)
    assert ' state=- subject="legacy_pref" page="-" ' in finding_line(stateless)


def test_site_text_cannot_break_a_line_or_its_quoting() -> None:
    result = hostile_scan()
    lines = _lines(result)
    assert len(lines) == len(result.findings) + 1
    for line in lines[:-1]:
        assert LINE.match(line), line
        assert "\x1b" not in line and "\n" not in line and "\u202e" not in line
    fake = next(ln for ln in lines if "FAKE" in ln)
    assert 'subject="a\\nFAKE: injected line"' in fake
    assert not any(line.startswith("FAKE") for line in "\n".join(lines).splitlines())


def test_quotes_and_backslashes_are_escaped_and_read_back() -> None:
    base = realistic_scan().findings[0]
    tricky = replace(base, subject='say "hi" \\ bye', message='a "quoted" \\n word')
    line = finding_line(tricky)
    match = LINE.match(line)
    assert match, line
    # The quoting is shell-like: shlex reads each value back unchanged.
    fields = dict(part.split("=", 1) for part in shlex.split(line)[2:])
    assert fields["subject"] == 'say "hi" \\ bye'
    assert fields["message"] == 'a "quoted" \\n word'


def test_baseline_status_and_waivers_are_marked() -> None:
    result = realistic_scan()
    waived = replace(result.findings[0], waiver=Waiver("undeclared_cookie", "_fbp", "ok", "me", ""))
    result = replace(result, findings=(waived, *result.findings[1:]))
    baseline = replace(result, findings=result.findings[1:])
    lines = plain_lines(_ctx(result, Severity.MEDIUM, baseline))
    first = next(ln for ln in lines if ln.startswith("MEDIUM undeclared_cookie"))
    assert first.endswith(" status=new waived=yes")
    assert all(" status=unchanged" in ln for ln in lines[:-1] if ln is not first)
    assert " waived=1 " in lines[-1]


def test_no_findings_is_just_the_summary() -> None:
    result = replace(realistic_scan(), findings=())
    assert _lines(result, None) == [
        "SUMMARY findings=0 high=0 medium=0 low=0 info=0 waived=0 pages=5 fail_on=never "
        "verdict=pass"
    ]


def test_auto_is_plain_when_stdout_is_not_a_terminal() -> None:
    piped = Console(file=io.StringIO())
    terminal = Console(file=io.StringIO(), force_terminal=True)
    assert chosen_style(OutputStyle.AUTO, piped) is OutputStyle.PLAIN
    assert chosen_style("auto", terminal) is OutputStyle.TABLE
    assert chosen_style("plain", terminal) is OutputStyle.PLAIN
    assert chosen_style("table", piped) is OutputStyle.TABLE


def test_plain_lines_are_never_wrapped_marked_up_or_emojified() -> None:
    result = hostile_scan()
    out = io.StringIO()
    console = Console(file=out, width=40)
    print_summary(_ctx(result, Severity.HIGH), console, OutputStyle.PLAIN)
    assert out.getvalue().splitlines() == _lines(result, Severity.HIGH)
    assert ":smile:" in out.getvalue() and "[bold red]x[/]" in out.getvalue()


def test_the_table_honours_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system=None)
    assert console.width == 100
    print_summary(_ctx(realistic_scan()), console, OutputStyle.AUTO)
    text = out.getvalue()
    assert "Findings" in text and "SUMMARY" not in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_workflow_command_escaping() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_annotations_error_for_failing_findings_at_their_declared_line(tmp_path: Path) -> None:
    result = realistic_scan()
    declared = result.meta.declared_path or ""
    lines = annotation_lines(_ctx(result, Severity.HIGH), {}, tmp_path)
    highs = [f for f in result.findings if f.severity is Severity.HIGH]
    assert len(lines) == len(highs) and all(ln.startswith("::error ") for ln in lines)
    tracker = next(ln for ln in lines if "tracker_request_before_consent" in ln)
    assert tracker.startswith(
        f"::error file={escape_property(declared)},line=28,"
        "title=cookiescan tracker_request_before_consent::google-analytics.com: "
    )
    unlocated = next(ln for ln in lines if "consent_not_applied" in ln)
    assert unlocated.startswith("::error title=cookiescan consent_not_applied::reject: ")


def test_annotations_warn_for_unchanged_and_skip_waived_and_never() -> None:
    result = realistic_scan()
    baseline = replace(result, findings=result.findings[2:])
    lines = annotation_lines(_ctx(result, Severity.MEDIUM, baseline, only_new=True), {})
    errors = [ln for ln in lines if ln.startswith("::error ")]
    warnings = [ln for ln in lines if ln.startswith("::warning ")]
    assert len(errors) == 2 and {"undeclared_cookie", "undeclared_third_party"} == {
        re.search(r"title=cookiescan (\w+)", ln)[1]  # type: ignore[index]
        for ln in errors
    }
    at_or_above = [f for f in result.findings if f.severity.rank >= Severity.MEDIUM.rank]
    assert len(warnings) == len(at_or_above) - 2
    assert annotation_lines(_ctx(result, None), {}) == []
    waiver = Waiver("*", "*", "accepted", "me", "")
    all_waived = replace(result, findings=tuple(replace(f, waiver=waiver) for f in result.findings))
    assert annotation_lines(_ctx(all_waived, Severity.INFO), {}) == []


def test_annotations_never_let_site_text_start_a_new_command() -> None:
    result = hostile_scan()
    lines = annotation_lines(_ctx(result, Severity.LOW), {})
    assert len(lines) == len(result.findings)
    for line in lines:
        assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "a\\nFAKE: injected line" in "".join(lines)


def test_annotations_are_capped() -> None:
    result = realistic_scan()
    many = replace(
        result,
        findings=tuple(
            replace(result.findings[2], subject=f"c{i}") for i in range(MAX_ANNOTATIONS + 7)
        ),
    )
    lines = annotation_lines(_ctx(many, Severity.HIGH), {})
    assert len(lines) == MAX_ANNOTATIONS + 1
    assert lines[-1] == "::notice title=cookiescan::7 more findings in the report"


def test_the_declared_file_is_located_relative_to_the_workspace(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "site").mkdir(parents=True)
    assert repo_path("site/expected_cookies.yaml", str(repo), repo) == "site/expected_cookies.yaml"
    assert repo_path("expected_cookies.yaml", str(repo), repo / "site") == (
        "site/expected_cookies.yaml"
    )
    assert repo_path(str(repo / "e.yaml"), str(repo), tmp_path) == "e.yaml"
    assert repo_path(str(tmp_path / "elsewhere.yaml"), str(repo), repo) is None
    assert repo_path("e.yaml", None, repo) == "e.yaml"


def test_annotations_print_only_in_github_actions() -> None:
    result = realistic_scan()
    ctx = _ctx(result, Severity.HIGH)
    outside, inside = io.StringIO(), io.StringIO()
    print_annotations(ctx, Console(file=outside), {})
    print_annotations(ctx, Console(file=inside, width=30), {"GITHUB_ACTIONS": "true"})
    assert outside.getvalue() == ""
    assert inside.getvalue().splitlines() == annotation_lines(ctx, {})


ROOT = Path(__file__).resolve().parents[2]


def _piped_scan(
    site: LocalSite, workspace: Path, command: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """`cookiescan scan` (or `demo`) of the demo shop with stdout piped, as in a CI log."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "COOKIESCAN_"))}
    if os.environ.get("COOKIESCAN_BROWSER"):
        base["COOKIESCAN_BROWSER"] = os.environ["COOKIESCAN_BROWSER"]
    args = [sys.executable, "-m", "scanner", command, "--out", str(workspace / "reports"),
            "--states", "none,reject", "--max-pages", "3", "--settle", "0.5"]  # fmt: skip
    if command == "scan":
        args += [site.url(DEMO_HOST, "/"), "--ignore-https-errors",
                 "--declared", "site/expected_cookies.yaml"]  # fmt: skip
        args += [f"--resolve={rule}" for rule in site.resolve_rules]
    return subprocess.run(
        args, cwd=workspace, env=base | env, capture_output=True, text=True, timeout=240,
        check=False,
    )  # fmt: skip


@pytest.mark.browser
def test_the_cli_piped_prints_one_line_per_finding_and_annotations(
    demo_site: LocalSite, tmp_path: Path
) -> None:
    """A real scan with stdout piped, in GitHub Actions: plain lines, then annotations."""
    (tmp_path / "site").mkdir()
    shutil.copy(demo_site_root() / "expected_cookies.yaml", tmp_path / "site")
    actions = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path), "COLUMNS": "80"}
    done = _piped_scan(demo_site, tmp_path, "scan", **actions)
    assert done.returncode == 1, done.stdout + done.stderr  # findings at or above medium
    report = json.loads((tmp_path / "reports" / "latest" / "report.json").read_text("utf-8"))
    lines = done.stdout.splitlines()
    parsed = [m for m in map(LINE.match, lines) if m]
    assert len(parsed) == len(report["findings"]) > 0
    assert sorted((m["severity"].lower(), m["kind"], m["state"]) for m in parsed) == sorted(
        (f["severity"], f["kind"], f["state"] or "-") for f in report["findings"]
    )
    summary = next(i for i, line in enumerate(lines) if line.startswith("SUMMARY "))
    assert SUMMARY.match(lines[summary]) and summary > lines.index(parsed[-1].string)
    assert "━" not in done.stdout and "│" not in done.stdout  # no table in a log
    errors = [line for line in lines if line.startswith("::error ")]
    failing = [f for f in report["findings"] if f["severity"] in ("high", "medium")]
    assert len(errors) == len(failing)
    located = [e for e in errors if e.startswith("::error file=")]
    assert located and all(
        re.match(r"::error file=site/expected_cookies\.yaml,line=\d+,title=cookiescan ", e)
        for e in located
    )


@pytest.mark.browser
def test_the_demo_never_annotates_the_users_repository(
    demo_site: LocalSite, tmp_path: Path
) -> None:
    done = _piped_scan(demo_site, tmp_path, "demo", GITHUB_ACTIONS="true")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "\nSUMMARY findings=" in done.stdout and "::" not in done.stdout


def test_the_readme_example_follows_the_format() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### Output in CI logs", 1)[1]
    example = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    assert [bool(LINE.match(line)) for line in example] == [True] * (len(example) - 1) + [False]
    assert SUMMARY.match(example[-1])


def test_a_bad_output_setting_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COOKIESCAN_OUTPUT", "fancy")
    assert main(["scan", "https://shop.example.test/"]) == ExitCode.USAGE
    assert "COOKIESCAN_OUTPUT" in capsys.readouterr().err
    monkeypatch.delenv("COOKIESCAN_OUTPUT")
    assert main(["scan", "https://shop.example.test/", "--output", "fancy"]) == ExitCode.USAGE
