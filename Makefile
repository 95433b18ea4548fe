SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON   ?= python3
VENV     := .venv
PY       := $(VENV)/bin/python
PORT     ?= 8501
# localhost: only this computer reaches the app (Home may list every plan in the store).
# Any other address (e.g. HOST=0.0.0.0, or `make serve`) is a shared server: Home lists each browser's own plans.
HOST     ?= localhost
CHROMIUM ?= $(or $(MLCS_CHROMIUM),/usr/bin/chromium)
PYTEST_ARGS ?=

.PHONY: venv run serve test test-fast bench messages clean

# venv (internal): create .venv and install runtime deps; re-installs only when requirements change
venv: $(VENV)/.stamp-runtime

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.stamp-runtime: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.stamp-dev: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# run: start the app on http://localhost:$(PORT), reachable from this computer only
run: venv
	$(PY) -m ui.launch --server.address $(HOST) --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# serve: start the app for a room: every network interface of this computer, port $(PORT)
serve:
	$(MAKE) run HOST=0.0.0.0

# test: install dev deps, make sure chromium + poppler-utils are there (apt-get), start a throwaway
#       PostgreSQL (tests/pg_server.sh; stopped and removed afterwards), run the whole tests/ tree
test: $(VENV)/.stamp-dev
	@MLCS_CHROMIUM="$(CHROMIUM)" bash tests/run.sh $(PY) $(PYTEST_ARGS)

# test-fast: the same without the browser tests (unit, property, page and component tests, lint)
test-fast:
	$(MAKE) test PYTEST_ARGS='-m "not e2e"'

# bench: install dev deps and run the benchmarks (bench/__main__.py)
bench: $(VENV)/.stamp-dev
	$(PY) -m bench

# messages: after marking or changing texts, write data/locales/messages.pot (what a translator starts
#           from) and bring each language's catalogue up to date (new texts added untranslated)
messages: venv
	$(PY) -m canvas_core.i18n.extract

# clean: remove the venv and all caches
clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
