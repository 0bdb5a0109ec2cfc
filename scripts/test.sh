#!/usr/bin/env bash
# README command 2: type check, lint, formatting, every unit test, then the
# browser end-to-end tests against a freshly started demo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
set -euo pipefail

step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

step "type check"
yarn tsc

step "lint"
yarn lint:all

step "formatting"
yarn prettier:check

step "unit and integration tests (database tests on SQLite and PostgreSQL 15)"
source scripts/postgres.sh
CI=true yarn test:unit
scripts/replicas.sh 2 20 # issue 16: two capi backend replicas on PostgreSQL behind a load balancer, one stopped under load

step "benchmark and soak smoke runs (fail on a crash, a mismatch or a lost publish, not on timing)"
yarn bench:smoke
yarn soak:smoke

step "real Cluster API stack: kube-apiserver, etcd and the CAPI v1.14 controllers built from pinned Go modules (cached in .tools/real-capi); every demo manifest applied to the real CRDs, capi-backend watching the real API server, the lifecycle parity test (real controllers vs the simulator)"
scripts/real-capi.sh build
CI=true yarn workspace @capstan/capi-real-stack test:real

step "install test: the packed plugins in a fresh Backstage app, installed as the README says"
./scripts/install-test.sh

step "browser end-to-end tests (starts the demo on a fresh state folder)"
CAPSTAN_STATE_DIR="$(mktemp -d -t capstan-e2e-XXXXXX)"
export CAPSTAN_STATE_DIR
CI=true yarn test:e2e
