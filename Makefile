# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test services bench bench-guides clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## The API and the worker together (embedded mode): the catalogue is ingested at
## once, then kept current on its schedules.
run: $(STAMP)
	$(BIN)/tvnexa run

## Lint, format check, type check and the whole test suite.
test: $(STAMP) services
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

services:
	bash deploy/local/ensure-services.sh

## Catalogue ingest against json.load + executemany (about a minute).
bench: $(STAMP)
	$(BIN)/python -m bench.ingest

## Guide ingest against parse-only and iterparse, up to a 1 GB guide (minutes).
bench-guides: $(STAMP)
	$(BIN)/python -m bench.guides

clean:
	rm -rf $(VENV) var .mypy_cache .pytest_cache .ruff_cache
