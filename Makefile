# Two commands for a fresh machine with only python3: `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# This machine's pip config names mirror folders that may not exist; hide only that noise.
# (braces: the `|| true` covers only grep, so a failing pip still fails the target)
QUIET_PIP := { grep -v "^WARNING: Location '.*' is ignored" || true; }

.PHONY: demo test bench lint clean

$(STAMP): pyproject.toml
	@echo "setting up $(VENV) (first run installs prefect, duckdb, great-expectations, jieba …)"
	@test -x $(BIN)/python || python3 -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip 2>&1 | $(QUIET_PIP)
	@# PYTHONWARNINGS: setuptools' editable-install advisory is not an error of ours
	@PYTHONWARNINGS=ignore $(BIN)/python -m pip install -q -e '.[dev]' 2>&1 | $(QUIET_PIP)
	@touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/fazhi demo

test: $(STAMP)
	@$(BIN)/python -m pytest

bench: $(STAMP)
	@$(BIN)/python -m bench.run

lint: $(STAMP)
	@$(BIN)/ruff check .

clean:
	rm -rf warehouse/fazhi.duckdb* warehouse/raw warehouse/data_docs warehouse/.prefect
