# Two commands on a fresh machine: `make run` (the service on embedded defaults) and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
EXTRAS ?= evals,postgres,server

.PHONY: install run test test-fast bench retrieval-eval clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade "pip>=25.1" wheel

# Re-installs only when pyproject.toml changes. llama-cpp-python compiles from source the first
# time (~7 min on 2 cores); pip caches the wheel after that.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -e ".[$(EXTRAS)]" --group dev
	touch $@

install: $(STAMP)

run: install
	$(VENV)/bin/drafter ingest --samples
	$(VENV)/bin/drafter serve

test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow"

bench: install
	$(PY) -m evals.benchmark_drafting

retrieval-eval: install
	$(PY) -m evals.retrieval

clean:
	rm -rf $(VENV) .pytest_cache
