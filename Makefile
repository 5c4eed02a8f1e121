PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SPECS ?= $(or $(SCOPELINT_SPECS_DIR),../shared/specs)

.PHONY: install test lint typecheck pytest data bench clean docs

install: $(BIN)/scopelint

$(BIN)/scopelint: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

test: install lint typecheck pytest

lint:
	$(BIN)/ruff check scopelint tests bench

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest

data: install
	$(BIN)/scopelint kb build --out data/table.json --sources data/sources.toml --specs-dir $(SPECS)

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info

# Bakes the examples of tests/rules/fixtures into scopelint/rules/examples.json, then writes docs/rules.md.
docs: install
	$(BIN)/python -m scopelint.rules.docs --write
