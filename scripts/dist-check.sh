#!/usr/bin/env bash
# Build the sdist and wheel, check them, install the wheel into a fresh virtualenv and run
# `cookiescan --version` and `cookiescan demo` there, from a folder outside the repository.
# `make dist-check`, the CI workflow and the release workflow all run this.
#
# Usage: scripts/dist-check.sh [DIST_DIR]
#   DIST_DIR             keep the built files here (default: a temporary folder, removed)
#   PYTHON               a Python with `build` and `twine` (default: python3)
#   DIST_CHECK_REPORTS   keep the demo's reports folder here (default: removed)
#   DIST_CHECK_VERSION   the version the files must carry (the release tag without its v)
# Exit 0 when every step passed; the first failing step's status otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cookiescan-dist-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
dist="${1:-$work/dist}"
reports="${DIST_CHECK_REPORTS:-$work/reports}"
started=$SECONDS

step() { printf '\ndist-check: %s\n' "$*"; }

step "building the sdist and, from it, the wheel into $dist"
mkdir -p "$dist"
rm -f "$dist"/cookiescan-*.whl "$dist"/cookiescan-*.tar.gz
"$python" -m build --outdir "$dist" "$root"

step "twine check"
"$python" -m twine check --strict "$dist"/*

step "checking what the files hold"
expect=()
if [[ -n "${DIST_CHECK_VERSION:-}" ]]; then
  expect=(--expect-version "$DIST_CHECK_VERSION")
fi
"$python" "$root/scripts/check_dist.py" "$dist" "${expect[@]}"

step "installing the wheel into a fresh virtualenv"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$dist"/*.whl
cookiescan="$work/venv/bin/cookiescan"

cd "$work" # another folder: nothing may come from the repository
step "cookiescan --version"
version="$("$cookiescan" --version)"
echo "$version"

step "cookiescan setup (the browser; the optional autoconsent is skipped)"
"$cookiescan" setup --no-autoconsent

step "cookiescan demo --out $reports"
"$cookiescan" demo --out "$reports" --output plain

step "checking the demo's report"
"$work/venv/bin/python" - "$reports/latest/report.json" "${version#cookiescan }" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
found, wanted = report["meta"]["scanner_version"], sys.argv[2]
if found != wanted or report["tool"]["version"] != wanted:
    sys.exit(f"dist-check: the report says version {found}, --version says {wanted}")
pages = sum(len(s["observations"]) for s in report["states"])
print(f"dist-check: report.json: version {found}, {pages} pages, "
      f"{len(report['findings'])} findings")
PY

step "ok in $((SECONDS - started)) s: $(cd "$dist" && echo *)"
