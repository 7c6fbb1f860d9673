# Two commands on a fresh machine: `make run` (the service on embedded defaults) and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
EXTRAS ?= evals,postgres,server
# The suite runs a second time on a real PostgreSQL when one answers here (CI starts one).
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: install run test test-sqlite test-postgres test-fast typecheck bench retrieval-eval browser-deps clean

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

test: install browser-deps typecheck test-sqlite test-postgres

test-sqlite: install
	$(PY) -m pytest -q

# The suite again on PostgreSQL; the real-model end-to-end tests (marked slow) do not depend
# on the database backend beyond what the API tests cover, so they run once, above.
test-postgres: install
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(subst postgresql+psycopg,postgresql,$(PG_TEST_URL))', connect_timeout=3).close()" 2>/dev/null; then \
		DRAFTER_TEST_DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest -q -m "not slow"; \
	else echo "test-postgres: no PostgreSQL at $(PG_TEST_URL); skipped"; fi

test-fast: install
	$(PY) -m pytest -q -m "not slow"

# strict mypy on drafter/ and knowledge/ (pyproject [tool.mypy]); `test` runs it first, so a
# type error fails the suite before the tests start
typecheck: install
	$(PY) -m mypy

bench: install
	$(PY) -m evals.benchmark_drafting

retrieval-eval: install
	$(PY) -m evals.retrieval

# Debian's Chromium for the browser tests (tests/ui): Playwright drives /usr/bin/chromium and
# never downloads a browser of its own. Installs only when it is missing (needs root or sudo).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" -ne 0 ] && command -v sudo ); \
		$$SUDO apt-get update && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y chromium chromium-driver; \
	else echo "browser-deps: /usr/bin/chromium is present"; fi

clean:
	rm -rf $(VENV) .pytest_cache
