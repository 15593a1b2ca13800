# cookiescan: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.cookiescan-installed

.PHONY: setup browser demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

browser: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" bash scripts/install-browser.sh

setup: $(STAMP) browser

demo: setup
	$(BIN)/cookiescan demo

lint: $(STAMP)
	$(BIN)/ruff check scanner tests scripts benchmarks
	$(BIN)/ruff format --check scanner tests scripts benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

test: setup lint typecheck
	$(BIN)/pytest

unit: $(STAMP)
	$(BIN)/pytest -m "not browser"

bench: setup
	$(BIN)/python benchmarks/crawl_speed.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
