#!/usr/bin/env bash
# The whole test suite, as `make test` runs it: make sure the tools the tests
# need are there (Chromium, poppler, PostgreSQL), then run pytest.
# Usage: tests/run.sh PYTHON [pytest args...]
# A tool that cannot be had is reported in one line; its tests are skipped with that reason.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="$1"; shift

CHROMIUM="${MLCS_CHROMIUM:-/usr/bin/chromium}"
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

# --- browser and PDF tools ------------------------------------------------------
need=()
[ -x "$CHROMIUM" ] || need+=(chromium)
{ command -v pdftoppm && command -v pdffonts; } >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ] && can_apt; then
  echo "make test: installing ${need[*]} with apt-get ..."
  apt-get update -qq >/dev/null 2>&1 || true
  for package in "${need[@]}"; do
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null 2>&1 \
      || echo "make test: apt-get install $package failed"
  done
fi
if [ -z "${MLCS_BROWSER_UNAVAILABLE:-}" ] && [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" != 0 ]; then MLCS_BROWSER_UNAVAILABLE="$CHROMIUM missing and not root, cannot apt-get install chromium"
  elif ! command -v apt-get >/dev/null; then MLCS_BROWSER_UNAVAILABLE="$CHROMIUM missing and no apt-get on this machine"
  else MLCS_BROWSER_UNAVAILABLE="$CHROMIUM still missing after apt-get install chromium"; fi
fi
if [ -n "${MLCS_BROWSER_UNAVAILABLE:-}" ]; then
  echo "make test: browser (e2e) tests will be SKIPPED: $MLCS_BROWSER_UNAVAILABLE"
  export MLCS_BROWSER_UNAVAILABLE
fi
{ command -v pdftoppm && command -v pdffonts; } >/dev/null \
  || echo "make test: poppler-utils (pdftoppm, pdffonts) unavailable; tests needing them will skip"
export MLCS_CHROMIUM="$CHROMIUM"

# --- a throwaway PostgreSQL for the store contract tests ----------------------------
if [ -n "${MLCS_POSTGRES_UNAVAILABLE:-}" ]; then :
elif [ -n "${MLCS_TEST_POSTGRES_URL:-}" ]; then echo "make test: using the PostgreSQL given in MLCS_TEST_POSTGRES_URL"
elif ! pg_dir=$(mktemp -d -t mlcs-pg.XXXXXX); then MLCS_POSTGRES_UNAVAILABLE="mktemp -d failed"
elif pg_url=$(bash tests/pg_server.sh start "$pg_dir"); then
  trap 'bash tests/pg_server.sh stop "$pg_dir"' EXIT
  trap 'exit 130' INT TERM HUP
  export MLCS_TEST_POSTGRES_URL="$pg_url"
  pg_at=${pg_url#*@}
  echo "make test: throwaway PostgreSQL $(cat "$pg_dir/data/PG_VERSION") on ${pg_at%%/*}"
else
  bash tests/pg_server.sh stop "$pg_dir"
  MLCS_POSTGRES_UNAVAILABLE="${pg_url:-tests/pg_server.sh start failed}"
fi
if [ -n "${MLCS_POSTGRES_UNAVAILABLE:-}" ]; then
  echo "make test: PostgreSQL tests will be SKIPPED: $MLCS_POSTGRES_UNAVAILABLE"
  export MLCS_POSTGRES_UNAVAILABLE
  unset MLCS_TEST_POSTGRES_URL
fi

# --- house rules, then the tests -------------------------------------------------------
"$(dirname "$PY")/ruff" check . || { echo "make test: ruff check found problems (see above)"; exit 1; }
"$PY" -m pytest -q tests "$@"
