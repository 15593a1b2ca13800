# cookiescan: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.cookiescan-installed

.PHONY: setup browser demo test lint typecheck unit bench clean autoconsent cmp-fixtures dist-check display

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

browser: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" bash scripts/install-browser.sh

# Bytecode as an installed wheel has it (pip compiles at install; an editable install under
# PYTHONDONTWRITEBYTECODE would compile every module in every cookiescan process).
setup: $(STAMP) browser
	$(BIN)/python -m compileall -q scanner > /dev/null

demo: setup autoconsent
	$(BIN)/cookiescan demo

lint: $(STAMP)
	$(BIN)/ruff check scanner tests scripts benchmarks
	$(BIN)/ruff format --check scanner tests scripts benchmarks
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

test: setup autoconsent cmp-fixtures display lint typecheck
	$(BIN)/pytest

unit: $(STAMP)
	$(BIN)/pytest -m "not browser"

bench: setup
	$(BIN)/python benchmarks/crawl_speed.py
	$(BIN)/python benchmarks/multi_site.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/evidence_cost.py
	$(BIN)/python benchmarks/shards.py

# Build the sdist and wheel, check them, install the wheel into a fresh venv and run the demo
# there (scripts/dist-check.sh; the CI and release workflows run the same script).
dist-check: $(STAMP)
	PYTHON="$(abspath $(BIN)/python)" bash scripts/dist-check.sh

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache

# Consent engine: the pinned @duckduckgo/autoconsent the scanner drives in pages (skipped without
# npm). The pin is scanner/consent/autoconsent.py's VERSION, shared with `cookiescan setup`.
autoconsent: $(STAMP)
	$(BIN)/cookiescan setup --no-browser --autoconsent-dir .cookiescan

# Real open-source libraries at pinned versions, for the browser tests (skipped without npm). The
# consent managers among them are also vendored in tests/vendor/cmps, which the tests serve.
cmp-fixtures:
	@if command -v npm >/dev/null; then cd tests/cmp-packages && npm ci --no-audit --no-fund \
	  --ignore-scripts; else echo "npm not found: the beyond-cookies and Mixpanel tests will be skipped"; fi

# A virtual screen (Xvfb) for the headed browser test (skipped without it): installed with apt-get
# when running as root on Debian/Ubuntu, else left to the user.
display:
	@if command -v xvfb-run >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -q xvfb xauth >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && \
	  apt-get install -y -q xvfb xauth >/dev/null 2>&1) || echo "xvfb not installed: the headed test will be skipped"; \
	else echo "xvfb-run not found: the headed test will be skipped"; fi
