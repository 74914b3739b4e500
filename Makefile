# Two commands matter on a fresh machine: `make demo` and `make test`.
# Both build .venv from nothing when it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck imports unit e2e emulator-tests reliability interop interop-env docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pandas,emulator,subscriptions,image-utils,geojson,shapefile]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/run_demo.py

test: lint typecheck imports unit emulator-tests e2e reliability interop docs

lint: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks
	$(BIN)/ruff format --check src tests examples benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest tests/unit -q

emulator-tests: $(STAMP)
	$(BIN)/pytest tests/emulator -q

e2e: $(STAMP)
	$(BIN)/pytest tests/e2e -q

# Writes through an emulator that fails a share of requests, a crash mid-import and
# concurrent importers, counted on a fault-free restart; prints a table of figures.
# Other rates and seeds: `make reliability FAULT_RATE=0.2` (or 0.4), `FAULT_SEED=7`;
# `MAX_ATTEMPTS=6` gives the clients the SDK's default retry budget instead of 10 attempts.
FAULT_RATE ?= 0.3
FAULT_SEED ?=
MAX_ATTEMPTS ?=
reliability: $(STAMP)
	KILI_RELIABILITY_FAULT_RATE=$(FAULT_RATE) KILI_RELIABILITY_FAULT_SEED=$(FAULT_SEED) \
		KILI_RELIABILITY_MAX_ATTEMPTS=$(MAX_ATTEMPTS) $(BIN)/pytest tests/reliability -q

interop: $(STAMP)
	$(BIN)/python tests/interop/run.py

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir .site

# The official SDK's environment (.venv-interop), built as `make interop` builds it
# (a no-op once it is there).
interop-env: $(STAMP)
	$(BIN)/python -c "import sys; sys.path.insert(0, 'tests/interop'); import run; run.official_python()"

# Each figure with this SDK and the official one, side by side, on one emulator with a
# simulated 50 ms round trip; ~10 minutes. `KILI_BENCH_SCALE=0.05 make bench` tries it quickly.
bench: $(STAMP) interop-env
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .site .mypy_cache .ruff_cache .pytest_cache
