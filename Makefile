# The README's commands. `make demo` and `make test` install first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DB ?= sqlite:///sitrep.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev demo serve test test-fast lint format-check typecheck check lock bench eval clean

# `install` gets the runtime only (requirements.lock); the test and lint targets get the
# development lock (requirements-dev.lock: runtime + pytest, hypothesis, ruff, mypy, pre-commit, pandas).
install: $(STAMP)

install-dev: $(DEV_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8

$(STAMP): requirements.lock pyproject.toml | $(UV)
	$(UV) pip sync --python $(BIN)/python --require-hashes requirements.lock
	$(UV) pip install --python $(BIN)/python --no-deps -e .
	rm -f $(DEV_STAMP)
	touch $(STAMP)

# The development lock is a superset of the runtime one, so it satisfies `install` too.
$(DEV_STAMP): requirements-dev.lock requirements.lock pyproject.toml | $(UV)
	$(UV) pip sync --python $(BIN)/python --require-hashes requirements-dev.lock
	$(UV) pip install --python $(BIN)/python --no-deps -e .
	touch $(STAMP) $(DEV_STAMP)

demo: install
	$(BIN)/sitrep ingest demo/corpus --db $(DB)
	$(BIN)/sitrep picture --db $(DB)
	$(BIN)/sitrep serve --db $(DB) --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/sitrep serve --db $(DB) --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest

# About two minutes: no slow tests, none that loads the spaCy model, SQLite only (`make test` runs them all).
test-fast: install-dev
	$(BIN)/python -m pytest -m "not slow and not model and not postgres"

lint: install-dev
	$(BIN)/ruff check src tests benchmarks

format-check: install-dev
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install-dev
	$(BIN)/mypy

# Every static check CI runs: lint, format, types.
check: lint format-check typecheck

eval: install
	$(BIN)/sitrep eval ../shared/eval ../shared/examples

bench: install-dev
	$(BIN)/python benchmarks/run_all.py

# Re-pin the runtime and the development dependencies (with hashes) after editing pyproject.toml.
lock: | $(UV)
	$(UV) pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock

clean:
	rm -rf $(VENV) sitrep.db .pytest_cache .mypy_cache .ruff_cache
