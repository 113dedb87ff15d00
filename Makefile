# evnews developer commands. `make demo` and `make test` set everything up themselves.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SAMPLE ?= data/samples/xiaomi_ev_plans.txt

.PHONY: setup demo test lint format golden bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## analyze a sample article
	$(VENV)/bin/evnews analyze $(SAMPLE)

test: $(STAMP)  ## lint, format check, and the test suite
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

format: $(STAMP)
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

golden: $(STAMP)  ## regenerate data/samples/*.golden.json; read the diff before committing
	$(PY) tests/regen_golden.py

bench: $(STAMP)  ## the speed benchmark (installs pyinstrument for --profile)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
