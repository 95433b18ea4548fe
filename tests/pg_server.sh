#!/usr/bin/env bash
# Throwaway PostgreSQL server for one test run (used by `make test`).
#
#   tests/pg_server.sh start DIR   DIR: an empty directory (e.g. from mktemp -d) that will hold
#                                  the cluster (DIR/data), its socket and its log (DIR/postgres.log).
#                                  Success: prints the SQLAlchemy URL
#                                    postgresql+psycopg://postgres@127.0.0.1:PORT/mlcs_test
#                                  and exits 0.  Failure: prints a one-line reason and exits 1.
#   tests/pg_server.sh stop DIR    stops that server (if running) and removes DIR. Always safe to call.
#
# Binaries: $MLCS_PG_BINDIR if set, else pg_ctl/initdb on PATH, else /usr/lib/postgresql/<ver>/bin
# (Debian); if none and we are root with apt-get, `apt-get install postgresql` first.
# initdb refuses to run as root, so as root the server runs as the `postgres` system user.
# Auth is `trust` on 127.0.0.1 only; fsync is off.  Never touches Debian's default cluster.
set -u

DB=mlcs_test
PORT_FIRST=55432        # well away from the default 5432

die() { echo "$*"; exit 1; }

# Directory holding pg_ctl, initdb, postgres, createdb (symlinks on PATH are resolved).
find_bindir() {
    if [ -n "${MLCS_PG_BINDIR:-}" ]; then
        [ -x "$MLCS_PG_BINDIR/pg_ctl" ] && [ -x "$MLCS_PG_BINDIR/initdb" ] && echo "$MLCS_PG_BINDIR"
        return
    fi
    local p d
    if p=$(command -v pg_ctl) && command -v initdb >/dev/null; then
        d=$(dirname "$(readlink -f "$p")")
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    return 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
    local dir=$1 bin run=() port log out try
    [ -d "$dir" ] || die "$dir is not a directory"

    if ! bin=$(find_bindir); then
        [ -n "${MLCS_PG_BINDIR:-}" ] && die "MLCS_PG_BINDIR=$MLCS_PG_BINDIR has no pg_ctl/initdb"
        [ "$(id -u)" = 0 ] || die "PostgreSQL (pg_ctl, initdb) not installed and not root, cannot apt-get install postgresql"
        command -v apt-get >/dev/null || die "PostgreSQL (pg_ctl, initdb) not installed and no apt-get on this machine"
        echo "make test: installing postgresql with apt-get ..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1; } \
            || die "apt-get install postgresql failed"
        bin=$(find_bindir) || die "pg_ctl/initdb still missing after apt-get install postgresql"
    fi
    [ -x "$bin/createdb" ] || die "$bin has pg_ctl but no createdb"

    if [ "$(id -u)" = 0 ]; then
        id -u postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user to run the server as (initdb refuses root)"
        command -v runuser >/dev/null || die "running as root but runuser is missing (needed to run initdb as 'postgres')"
        run=(runuser -u postgres --)
        chown postgres: "$dir" || die "cannot chown $dir to postgres"
    fi
    chmod 700 "$dir"
    touch "$dir/.mlcs-pg-server"            # marks DIR as ours, so `stop` may rm -rf it
    cd "$dir" || die "cannot cd to $dir"     # postgres must be able to read its cwd
    log=$dir/postgres.log

    out=$("${run[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C 2>&1) \
        || die "initdb failed: $(grep -m1 -iE 'error|fatal|could not' <<<"$out" || tail -n1 <<<"$out")"

    port=$PORT_FIRST
    for try in 1 2 3 4 5; do
        while port_in_use "$port"; do port=$((port + 1)); done
        if "${run[@]}" "$bin/pg_ctl" -w -t 60 -D "$dir/data" -l "$log" \
             -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1; then
            break
        fi
        grep -q 'could not bind\|Address already in use' "$log" 2>/dev/null && [ "$try" -lt 5 ] \
            || die "pg_ctl start failed: $(grep -m1 -E 'FATAL|ERROR|PANIC' "$log" 2>/dev/null || echo "see $log")"
        port=$((port + 1))
    done

    out=$("$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB" 2>&1) \
        || { stop_server "$dir"; die "createdb $DB failed: $out"; }
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/$DB"
}

stop_server() {
    local dir=$1 bin run=()
    [ -f "$dir/data/postmaster.pid" ] || return 0
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    bin=$(find_bindir) && (cd / && { "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop \
               || "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop; }) >/dev/null 2>&1
    # last resort: kill this cluster's postmaster by its pid (never anything else)
    local pid
    pid=$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null) && [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
    return 0
}

stop() {
    local dir=$1
    [ -d "$dir" ] || return 0
    stop_server "$dir"
    if [ -f "$dir/.mlcs-pg-server" ]; then rm -rf -- "$dir"; else rmdir -- "$dir" 2>/dev/null; fi
    return 0
}

case "${1:-} ${2:+dir}" in
    "start dir") start "$2" ;;
    "stop dir")  stop "$2" ;;
    *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
