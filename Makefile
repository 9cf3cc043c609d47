# Two commands do all set-up on a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: setup demo test test-fast eval bench browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

## Run the whole pipeline on the sample corpus; prints where the report is.
demo: setup
	rm -rf out/demo  # a fresh database: the demo always shows what this version of the code does
	$(VENV)/bin/newsfuse run samples/articles --out out/demo

## Everything CI checks: unit, property, integration, browser tests and the eval floors.
test: setup browser
	$(PY) -m pytest

## Without browser tests and eval floors: the quick loop while coding.
test-fast: setup
	$(PY) -m pytest -m "not browser" --ignore=tests/eval

browser:
	bash scripts/install_browser.sh || echo "browser could not be installed: browser tests will be skipped"

## Full evaluation harnesses over ../shared/data (minutes); figures go to eval/results/.
eval: setup
	$(PY) -m eval.run_all

bench: setup
	$(PY) -m benchmarks.throughput

clean:
	rm -rf out .pytest_cache .hypothesis
