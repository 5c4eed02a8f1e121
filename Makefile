PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SPECS ?= $(or $(SCOPELINT_SPECS_DIR),../shared/specs)

.PHONY: install test lint typecheck pytest data sdk-data bench clean docs eval hooks knowledge records

install: $(BIN)/scopelint

$(BIN)/scopelint: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

test: install lint typecheck pytest

lint:
	$(BIN)/ruff check scopelint tests bench scripts

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest -rs

data: install
	$(BIN)/scopelint kb build --out data/table.json --sources data/sources.toml --specs-dir $(SPECS)

# Rebuilds data/sdk/ from the SDKs' published packages (needs PyPI and the npm registry;
# archives are kept in $$XDG_CACHE_HOME/scopelint-sdk-build). `make test` never runs it.
sdk-data: install
	$(BIN)/python -m scripts.sdk.build

# Rewrites scopelint/common/record_inits.py (the data classes' __init__ methods) after a
# field of a scopelint.common.records class changed; tests/common/test_records.py says when.
records: install
	$(BIN)/python -m scripts.record_inits

bench: install
	$(BIN)/python bench/run_all.py

# Recall and precision on the corpus of real-looking projects (tests/corpus/README.md); not part of `make test`.
eval: install
	$(BIN)/python tests/corpus/evaluate.py $(EVAL_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info

# Bakes the examples of tests/rules/fixtures into scopelint/rules/examples.json, then writes docs/rules.md.
docs: install
	$(BIN)/python -m scopelint.rules.docs --write

# Writes scopelint/scanning/knowledge/<language>.json (what runs load) from the TOML files.
knowledge: install
	$(BIN)/python -m scopelint.scanning.core.knowledge

# Writes .pre-commit-hooks.yaml from the extractor registry (scopelint/scanning/registry.py).
hooks: install
	$(BIN)/python -m scopelint.scanning.hooks > .pre-commit-hooks.yaml.tmp
	mv .pre-commit-hooks.yaml.tmp .pre-commit-hooks.yaml
