# The README's commands. `make demo` and `make test` install first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
STAMP := $(VENV)/.installed
DB ?= sqlite:///sitrep.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve test test-fast lint lock bench eval clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(UV) pip sync --python $(BIN)/python --require-hashes requirements.lock
	$(UV) pip install --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

demo: install
	$(BIN)/sitrep ingest demo/corpus --db $(DB)
	$(BIN)/sitrep picture --db $(DB)
	$(BIN)/sitrep serve --db $(DB) --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/sitrep serve --db $(DB) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

lint: install
	$(BIN)/ruff check src tests benchmarks

eval: install
	$(BIN)/sitrep eval ../shared/eval ../shared/examples

bench: install
	$(BIN)/python benchmarks/run_all.py

# Re-pin every dependency (runtime + dev) with hashes after editing pyproject.toml.
lock:
	$(UV) pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) sitrep.db .pytest_cache
