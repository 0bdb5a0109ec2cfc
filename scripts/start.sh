#!/usr/bin/env bash
# README command 1: the demo on embedded defaults.
#
# Starts, in order: a local GitOps repository (created on first start), the
# CAPI simulator with three management clusters syncing that repository, then
# the Backstage backend (SQLite) and frontend. On first start the simulator
# writes the seeded clusters' folders into the GitOps repository (rendered
# like the new-cluster template does, from app-config.yaml's profiles) and
# records that in .capstan-seed.json there, so a restart never seeds again.
# CAPSTAN_SEED_INTO=store seeds straight into the management clusters instead
# (those clusters are not managed through Git). CAPSTAN_SELF_HEAL=off starts
# the simulator without GitOps self-heal, so hand changes stay and show as
# drift. Ctrl-C stops everything; state
# lives in $CAPSTAN_STATE_DIR (default .capstan/) and survives restarts.
#
# --real-capi also starts the real Cluster API stack (scripts/real-capi.sh
# demo: kube-apiserver, etcd and the CAPI v1.14 controllers with in-memory
# machines; build it first with scripts/real-capi.sh build) and adds it as a
# fourth management cluster, "real-capi", with two in-memory clusters.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
set -euo pipefail

export CAPSTAN_STATE_DIR="${CAPSTAN_STATE_DIR:-$PWD/.capstan}"
STATE="$CAPSTAN_STATE_DIR"
mkdir -p "$STATE/db" "$STATE/kubeconfig" "$STATE/logs"

GITOPS="$STATE/gitops.git"
if [ ! -d "$GITOPS" ]; then
  echo "[start] creating the local GitOps repository at $GITOPS"
  git init -q --bare -b main "$GITOPS"
  seed="$(mktemp -d)"
  git -C "$seed" init -q -b main
  mkdir -p "$seed/clusters"
  printf '# Capstan GitOps repository\n\nCluster API definitions, one folder per cluster:\n`clusters/<managementCluster>/<namespace>/<cluster>/`.\n' > "$seed/README.md"
  touch "$seed/clusters/.gitkeep"
  git -C "$seed" add -A
  git -C "$seed" -c user.name=Capstan -c user.email=capstan@localhost commit -q -m "Initialise GitOps repository"
  git -C "$seed" push -q "$GITOPS" main
  rm -rf "$seed"
fi
export CAPSTAN_GITOPS_REPO="$GITOPS"

REAL_CAPI=false
args=()
for a in "$@"; do
  if [ "$a" = "--real-capi" ]; then REAL_CAPI=true; else args+=("$a"); fi
done

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if $REAL_CAPI; then scripts/real-capi.sh stop --dir "$STATE/real-capi" || true; fi
}
trap cleanup EXIT INT TERM

echo "[start] starting the CAPI simulator (logs: $STATE/logs/simulator.log)"
rm -f "$STATE"/kubeconfig/*.kubeconfig
sim_flags=()
if [ "${CAPSTAN_SELF_HEAL:-on}" = off ]; then sim_flags+=(--no-gitops-self-heal); fi
node packages/capi-simulator/bin/capi-simulator \
  --management-clusters onprem-fra,aws-eu,azure-we \
  --seed-clusters "${CAPSTAN_SEED_CLUSTERS:-36}" \
  --seed-into "${CAPSTAN_SEED_INTO:-git}" \
  --seed-profiles app-config.yaml \
  --gitops-repo "$GITOPS" \
  --kubeconfig-dir "$STATE/kubeconfig" \
  --time-scale "${CAPSTAN_TIME_SCALE:-1}" \
  --port "${CAPSTAN_SIMULATOR_PORT:-6443}" \
  "${sim_flags[@]}" \
  >"$STATE/logs/simulator.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  [ "$(ls "$STATE"/kubeconfig/*.kubeconfig 2>/dev/null | wc -l)" -ge 3 ] && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "[start] the simulator exited:"; tail -n 30 "$STATE/logs/simulator.log"; exit 1; }
  sleep 0.5
done

if $REAL_CAPI; then
  echo "[start] starting the real Cluster API stack (logs: $STATE/real-capi/*.log)"
  real_config="$(scripts/real-capi.sh demo --dir "$STATE/real-capi")"
  CAPSTAN_REAL_CAPI_TOKEN="$(cat "$STATE/real-capi/token")"
  export CAPSTAN_REAL_CAPI_TOKEN
  args=(--config "$PWD/app-config.yaml" --config "$real_config" "${args[@]}")
fi

echo "[start] starting Backstage: frontend http://localhost:3000, backend http://localhost:7007"
yarn start "${args[@]}" &
pids+=($!)
wait -n "${pids[@]}"
