# civic — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
PORT ?= 5000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
# Browser tests (tests/e2e): axe-core from npm (package.json), Debian's Chromium.
AXE := node_modules/axe-core/axe.min.js
CHROMIUM := /usr/bin/chromium

.PHONY: run test install translations extract-messages update-translations lint clean serve

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "civic needs Python 3.11 or newer"' \
	  || { echo "civic needs Python 3.11+ (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## Compile the translation catalogues (French, English).
translations: install
	$(VENV)/bin/pybabel compile -d civic/translations

## Create .venv, install, migrate, seed the demo if the database is empty, serve.
run: translations
	$(FLASK) db upgrade
	$(FLASK) civic seed-demo --if-empty
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

## Run the whole suite on SQLite, then on PostgreSQL when TEST_DATABASE_URL is set.
test: translations $(AXE)
	$(VENV)/bin/ruff check civic tests bench config.py wsgi.py
	$(PY) tools/audit.py
	env -u TEST_DATABASE_URL $(PY) -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL ($$TEST_DATABASE_URL)"; \
	  $(PY) -m pytest; \
	fi

lint: install
	$(VENV)/bin/ruff check civic tests bench config.py wsgi.py

## Translators: refresh the catalogues from the source.
extract-messages: install
	$(VENV)/bin/pybabel extract --ignore-dirs=".* .venv node_modules" -F pyproject.toml -k _l -k lazy_gettext -o civic/translations/messages.pot .

update-translations: extract-messages
	$(VENV)/bin/pybabel update -i civic/translations/messages.pot -d civic/translations

clean:
	rm -rf $(VENV) .pytest_cache

## Benchmark on a city-scale SQLite data set (instance/bench.sqlite3): see docs/performance.md.
.PHONY: bench
bench: install
	$(PY) bench/generate.py --check
	$(PY) bench/run.py --requests 200

## Browser tests (tests/e2e): Debian's Chromium, axe-core from npm, screenshots.
.PHONY: e2e-deps screenshots

$(AXE): package.json
	@if command -v npm >/dev/null; then npm install --no-audit --no-fund && touch $@; \
	else echo "npm is missing: the accessibility tests in tests/e2e will be skipped" \
	  "(install Node.js and npm, e.g. apt-get install -y npm)"; fi

## Install Chromium for tests/e2e (needs root and apt-get; .ci/run calls it).
e2e-deps:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; } \
	  || echo "WARNING: could not install chromium: the browser tests in tests/e2e will be skipped"; \
	else echo "tests/e2e need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium'" \
	  "(the browser tests are skipped without it)"; fi

## Desktop and mobile PNGs of the main pages in docs/screenshots/ (needs Chromium).
screenshots: install
	$(PY) tests/e2e/screenshots.py docs/screenshots

## Scale-out run (docs/performance.md): 2 gunicorn instances on PostgreSQL + Redis, then
## 1 instance × 4 workers on SQLite; thousands of concurrent contributions, workers killed.
.PHONY: scaleout
scaleout: install
	$(PY) -m bench.scaleout --database postgres
	$(PY) -m bench.scaleout --database sqlite

## Security checks: bandit on civic/ and pip-audit on .venv (tools/audit.py; README).
.PHONY: audit
audit: install
	$(PY) tools/audit.py

## Load benchmark, mixed traffic (docs/performance.md): locust against gunicorn, SQLite
## then PostgreSQL (LOADBENCH_DATABASE_URL, default civic_loadbench on the local server)
## when it answers; generates the data sets once (instance/loadbench.sqlite3).
.PHONY: loadbench
loadbench: install
	@test -x $(VENV)/bin/locust || $(PY) -m pip install --quiet -e ".[bench]"
	$(PY) bench/loadbench.py --output instance/loadbench.md
