#!/usr/bin/env bash
# Throwaway local PostgreSQL for tests and local runs, used when no Docker engine is reachable.
# Source this file, then: start_local_postgres <database-name>  -> exports VP_PG_CONNECTION, VP_PG_DATADIR
#                         stop_local_postgres
# Installs Debian's postgresql package when no PostgreSQL binaries are present. PostgreSQL refuses to run as root,
# so as root the cluster runs as the 'postgres' user.

docker_engine_reachable() {
  command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1
}

_pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return 0
  fi
  return 1
}

_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2; return 1; fi
}

ensure_postgres_binaries() {
  if _pg_bindir >/dev/null; then return 0; fi
  echo "PostgreSQL binaries not found; installing Debian's postgresql package..." >&2
  export DEBIAN_FRONTEND=noninteractive
  _as_root apt-get install -y -q postgresql >/dev/null 2>&1 \
    || { _as_root apt-get update -q >/dev/null && _as_root apt-get install -y -q postgresql >/dev/null; } \
    || { echo "error: could not install postgresql" >&2; return 1; }
  _pg_bindir >/dev/null
}

_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

_pg_run() {
  # Runs a PostgreSQL binary as the cluster owner.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_local_postgres() {
  local database="${1:-voip_providers}" bindir port
  ensure_postgres_binaries || return 1
  bindir=$(_pg_bindir)
  VP_PG_BINDIR="$bindir"   # set before anything starts, so stop_local_postgres works after an interrupted start
  port=$(_free_port) || { echo "error: no free port for PostgreSQL" >&2; return 1; }
  VP_PG_DATADIR=$(mktemp -d "${TMPDIR:-/tmp}/voipproviders-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres: "$VP_PG_DATADIR"
  fi
  _pg_run "$bindir/initdb" -D "$VP_PG_DATADIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$VP_PG_DATADIR/initdb.log" 2>&1 \
    || { cat "$VP_PG_DATADIR/initdb.log" >&2; return 1; }
  _pg_run "$bindir/pg_ctl" -D "$VP_PG_DATADIR/data" -l "$VP_PG_DATADIR/data/server.log" -w -t 60 \
    -o "-p $port -k $VP_PG_DATADIR/data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$VP_PG_DATADIR/data/server.log" >&2; return 1; }
  _pg_run "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database" || return 1
  VP_PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=$database"
  export VP_PG_CONNECTION VP_PG_DATADIR VP_PG_BINDIR
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port (data in $VP_PG_DATADIR)" >&2
}

stop_local_postgres() {
  if [ -n "${VP_PG_DATADIR:-}" ] && [ -d "$VP_PG_DATADIR/data" ]; then
    _pg_run "$VP_PG_BINDIR/pg_ctl" -D "$VP_PG_DATADIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$VP_PG_DATADIR"
  fi
}
