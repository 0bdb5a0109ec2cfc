#!/usr/bin/env bash
# Source this file: starts a local PostgreSQL 15 (Debian's package, installed
# when missing) on 127.0.0.1:5432 for the tests that run on both SQLite and
# PostgreSQL, and exports the connection string Backstage's TestDatabases
# reads. Best effort: when it can't, those tests run on SQLite only, loudly.

capstan_postgres() {
  local version=15
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/usr/lib/postgresql/$version" ]; then
    [ -n "${CAPSTAN_SKIP_APT:-}" ] && return 1
    echo "[postgres] installing postgresql-$version" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "postgresql-$version" >&2 || return 1
  fi
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    pg_createcluster "$version" main >&2 || return 1
  fi
  pg_ctlcluster "$version" main start 2>/dev/null || pg_lsclusters -h | grep -q "^$version main .* online" || return 1
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >&2 || return 1
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:postgres@127.0.0.1:5432"
}

if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  if ! capstan_postgres; then
    echo "[postgres] WARNING: no PostgreSQL 15; database tests run on SQLite only" >&2
  fi
fi
