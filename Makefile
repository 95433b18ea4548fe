SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON   ?= python3
VENV     := .venv
PY       := $(VENV)/bin/python
PORT     ?= 8501
CHROMIUM ?= $(or $(MLCS_CHROMIUM),/usr/bin/chromium)
PYTEST_ARGS ?=

.PHONY: venv run test bench clean

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

# run: start the app on http://localhost:$(PORT)
run: venv
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# test: install dev deps, make sure chromium + poppler-utils are there (apt-get), start a throwaway
#       PostgreSQL (tests/pg_server.sh; stopped and removed afterwards), run the whole tests/ tree
test: $(VENV)/.stamp-dev
	@need=(); \
	[ -x "$(CHROMIUM)" ] || need+=(chromium); \
	command -v pdftoppm >/dev/null && command -v pdffonts >/dev/null || need+=(poppler-utils); \
	if [ $${#need[@]} -gt 0 ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "make test: installing $${need[*]} with apt-get ..."; \
	  apt-get update -qq >/dev/null 2>&1 || true; \
	  for p in "$${need[@]}"; do \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$$p" >/dev/null 2>&1 || echo "make test: apt-get install $$p failed"; \
	  done; \
	fi; \
	if [ -n "$${MLCS_BROWSER_UNAVAILABLE:-}" ]; then :; \
	elif [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" != 0 ]; then MLCS_BROWSER_UNAVAILABLE="$(CHROMIUM) missing and not root, cannot apt-get install chromium"; \
	elif ! command -v apt-get >/dev/null; then MLCS_BROWSER_UNAVAILABLE="$(CHROMIUM) missing and no apt-get on this machine"; \
	else MLCS_BROWSER_UNAVAILABLE="$(CHROMIUM) still missing after apt-get install chromium"; fi; \
	if [ -n "$${MLCS_BROWSER_UNAVAILABLE:-}" ]; then \
	  echo "make test: browser (e2e) tests will be SKIPPED: $$MLCS_BROWSER_UNAVAILABLE"; \
	  export MLCS_BROWSER_UNAVAILABLE; \
	fi; \
	command -v pdftoppm >/dev/null && command -v pdffonts >/dev/null || echo "make test: poppler-utils (pdftoppm, pdffonts) unavailable; tests needing them will skip"; \
	export MLCS_CHROMIUM="$(CHROMIUM)"; \
	if [ -n "$${MLCS_POSTGRES_UNAVAILABLE:-}" ]; then :; \
	elif [ -n "$${MLCS_TEST_POSTGRES_URL:-}" ]; then echo "make test: using the PostgreSQL given in MLCS_TEST_POSTGRES_URL"; \
	elif ! pg_dir=$$(mktemp -d -t mlcs-pg.XXXXXX); then MLCS_POSTGRES_UNAVAILABLE="mktemp -d failed"; \
	elif pg_out=$$(bash tests/pg_server.sh start "$$pg_dir"); then \
	  trap 'bash tests/pg_server.sh stop "$$pg_dir"' EXIT; trap 'exit 130' INT TERM HUP; \
	  export MLCS_TEST_POSTGRES_URL="$$pg_out"; pg_at=$${pg_out#*@}; \
	  echo "make test: throwaway PostgreSQL $$(cat "$$pg_dir/data/PG_VERSION") on $${pg_at%%/*}"; \
	else bash tests/pg_server.sh stop "$$pg_dir"; MLCS_POSTGRES_UNAVAILABLE="$${pg_out:-tests/pg_server.sh start failed}"; fi; \
	if [ -n "$${MLCS_POSTGRES_UNAVAILABLE:-}" ]; then \
	  echo "make test: PostgreSQL tests will be SKIPPED: $$MLCS_POSTGRES_UNAVAILABLE"; \
	  export MLCS_POSTGRES_UNAVAILABLE; unset MLCS_TEST_POSTGRES_URL; \
	fi; \
	$(PY) -m pytest -q tests $(PYTEST_ARGS)

# bench: install dev deps and run the benchmarks (bench/__main__.py)
bench: $(VENV)/.stamp-dev
	$(PY) -m bench

# clean: remove the venv and all caches
clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
