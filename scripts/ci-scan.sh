#!/usr/bin/env bash
# One cookiescan scan in CI (the scan step of action.yml; runs the same on a laptop).
#
# Settings come from COOKIESCAN_* variables (see the README); this script adds:
#   CI_SCAN_URL            start URL(s), space-separated (default: COOKIESCAN_URL or site:)
#   CI_SCAN_BASELINE       a previous report.json; compared with when the file exists
#   CI_SCAN_SAVE_BASELINE  copy this scan's report.json here (the next run's baseline)
#   CI_SCAN_EXTRA_ARGS     more flags, split on whitespace (e.g. "--resolve h=10.0.0.5")
#   CI_SCAN_SITES          a sites file: scan --sites (many sites, one folder each)
#   CI_SCAN_SHARD          with CI_SCAN_SITES: --shard K/N (this job's part of the sites)
#   CI_SCAN_DEFER_EXIT     "true": exit 0 and leave failing to a later step (exit-code output)
#   COOKIESCAN_BIN         the cookiescan command (default: cookiescan)
# It writes report.md to $GITHUB_STEP_SUMMARY and exit-code, report, summary and folder to
# $GITHUB_OUTPUT when those are set. Exit: cookiescan's (0 clean, 1 findings, 2 usage, 3 ...).
set -uo pipefail

export COOKIESCAN_OUT="${COOKIESCAN_OUT:-cookiescan-reports}"
export COOKIESCAN_FORMAT="${COOKIESCAN_FORMAT:-terminal,json,html,markdown}"
summary_limit=1000000 # GitHub refuses job summaries over 1 MiB

args=(scan)
read -r -a urls <<<"${CI_SCAN_URL:-}"
read -r -a extra <<<"${CI_SCAN_EXTRA_ARGS:-}"
args+=("${urls[@]}")
if [[ -n "${CI_SCAN_SITES:-}" ]]; then
  args+=(--sites "$CI_SCAN_SITES")
  if [[ -n "${CI_SCAN_SHARD:-}" ]]; then
    args+=(--shard "$CI_SCAN_SHARD")
  fi
fi
baseline="${CI_SCAN_BASELINE:-}"
if [[ -n "$baseline" && -f "$baseline" ]]; then
  echo "ci-scan: comparing with the previous report $baseline"
  args+=(--baseline "$baseline")
elif [[ -n "$baseline" ]]; then
  echo "ci-scan: no previous report at $baseline; every finding counts as new"
fi
args+=("${extra[@]}")

"${COOKIESCAN_BIN:-cookiescan}" "${args[@]}"
code=$?

latest="$COOKIESCAN_OUT/latest"
report="$latest/report.json"
markdown="$latest/report.md"
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  if [[ -f "$markdown" ]]; then
    head -c "$summary_limit" "$markdown" >>"$GITHUB_STEP_SUMMARY"
  else
    printf '### cookiescan\n\nNo report was written (exit code %s); see the job log.\n' \
      "$code" >>"$GITHUB_STEP_SUMMARY"
  fi
fi
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "exit-code=$code"
    echo "report=$report"
    echo "summary=$markdown"
    echo "folder=$COOKIESCAN_OUT"
  } >>"$GITHUB_OUTPUT"
fi
if [[ -n "${CI_SCAN_SAVE_BASELINE:-}" && -f "$report" ]]; then
  mkdir -p "$(dirname "$CI_SCAN_SAVE_BASELINE")"
  cp "$report" "$CI_SCAN_SAVE_BASELINE"
fi

echo "ci-scan: cookiescan exited with $code"
if [[ "${CI_SCAN_DEFER_EXIT:-false}" == "true" ]]; then
  exit 0
fi
exit "$code"
