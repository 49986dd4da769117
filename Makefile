# Entregent: `make run` to use it, `make test` to check everything CI checks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --disable-pip-version-check -q -c requirements/constraints.txt
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run install install-dev test test-sqlite test-postgres test-browser lint typecheck checks bench bench-capture messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/base.txt requirements/constraints.txt
	$(PIP) -r requirements/base.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.txt
	$(PIP) -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## Serve the app on http://127.0.0.1:8000 with SQLite in the per-user data directory.
run: install
	$(BIN)/entregent serve

## Everything CI runs: lint, types, migrations, the suite on SQLite and PostgreSQL, the browser.
test: install-dev lint typecheck checks test-sqlite test-postgres test-browser

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

checks: install-dev
	ENTREGENT_DATA_DIR=$$(mktemp -d) $(BIN)/python -m django makemigrations --check --dry-run --settings=entregent.settings

test-sqlite: install-dev
	ENTREGENT_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 --ignore=tests/browser

test-postgres: install-dev
	ENTREGENT_DATA_DIR=$$(mktemp -d) DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n 2 --ignore=tests/browser

test-browser: install-dev
	ENTREGENT_DATA_DIR=$$(mktemp -d) $(BIN)/pytest tests/browser

bench: install-dev
	ENTREGENT_DATA_DIR=$$(mktemp -d) $(BIN)/python bench/run.py

## Capture parser accuracy (dev and held-out test) and parse time per phrase.
bench-capture: install-dev
	$(BIN)/python bench/capture_accuracy.py

## Refresh the French catalogue after adding strings (needs gettext's xgettext/msgfmt).
messages: install-dev
	cd src/entregent && ENTREGENT_DATA_DIR=$$(mktemp -d) ../../$(BIN)/python -m django makemessages -l fr --no-location --settings=entregent.settings
	cd src/entregent && ENTREGENT_DATA_DIR=$$(mktemp -d) ../../$(BIN)/python -m django compilemessages --settings=entregent.settings

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
