#!/usr/bin/env bash
# Install test: proves the README's "Install into an existing Backstage app".
# Builds and packs every plugin package, checks the tarballs, generates a
# fresh Backstage app with @backstage/create-app in a temporary folder outside
# the repository, moves it onto the repository's release line (1.57), installs
# the tarballs exactly as the README says, builds the app's frontend and
# backend, boots the backend against one simulated management cluster and
# checks GET /api/capi/profiles and the entity card in headless Chromium.
#
# Ports: backend CAPSTAN_INSTALL_TEST_PORT (7107), simulator
# CAPSTAN_INSTALL_TEST_SIM_PORT (16543) - not the demo's, so no lock needed.
# Leaves no process running and does not modify the repository; the
# screenshot goes to test-results/install-test/ (ignored).
# CAPSTAN_KEEP_INSTALL_TEST=1 keeps the temporary folder;
# CAPSTAN_INSTALL_TEST_TARBALLS=<dir> installs tarballs packed before instead
# of building and packing (for working on the test itself).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
set -euo pipefail

REPO="$PWD"
PORT="${CAPSTAN_INSTALL_TEST_PORT:-7107}"
SIM_PORT="${CAPSTAN_INSTALL_TEST_SIM_PORT:-16543}"
BASE="http://localhost:$PORT"
WORK="$(mktemp -d -t capstan-install-test-XXXXXX)"
APP="$WORK/app"
SHOTS="$REPO/test-results/install-test"
PIDS=()
T0=$SECONDS
LAST=$SECONDS

step() {
  printf '\033[1;34m[install-test %3ds, previous step %3ds]\033[0m %s\n' \
    "$((SECONDS - T0))" "$((SECONDS - LAST))" "$*"
  LAST=$SECONDS
}

cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ] && [ -f "$WORK/backend.log" ]; then
    echo "--- last lines of the app backend's log" >&2
    tail -n 40 "$WORK/backend.log" >&2
  fi
  if [ -n "${CAPSTAN_KEEP_INSTALL_TEST:-}" ]; then
    echo "kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs a command in the background in its own process group (job control on
# while starting it, so the group id is the job's pid), to stop it whole.
start_group() {
  local log="$1"
  shift
  set -m
  "$@" >"$log" 2>&1 &
  PIDS+=("$!")
  set +m
}

wait_for() {
  local what="$1" seconds="$2"
  shift 2
  for _ in $(seq "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "timed out after ${seconds}s waiting for $what" >&2
  return 1
}

mkdir -p "$WORK/dist-packages"
if [ -n "${CAPSTAN_INSTALL_TEST_TARBALLS:-}" ]; then
  step "tarballs from $CAPSTAN_INSTALL_TEST_TARBALLS (not rebuilt)"
  cp "$CAPSTAN_INSTALL_TEST_TARBALLS"/*.tgz "$WORK/dist-packages/"
else
  step "build the plugin packages (tsc for the types, then backstage-cli package build)"
  nice -n 5 yarn build:plugins >"$WORK/build.log" 2>&1 || {
    tail -n 40 "$WORK/build.log" >&2
    exit 1
  }
  step "pack them into tarballs"
  node scripts/pack-plugins.mjs "$WORK/dist-packages"
fi
step "check what the tarballs hold"
node scripts/install-test/check-tarballs.mjs "$WORK"/dist-packages/*.tgz

step "a fresh app from @backstage/create-app, moved onto the 1.57 release line"
(cd "$WORK" && BACKSTAGE_APP_NAME=capstan-install-test \
  npx --yes @backstage/create-app@0.9.2 --skip-install --path "$APP" >"$WORK/create-app.log" 2>&1)
# create-app tries to fetch a yarn.lock seed for its own (1.55) line; seed the
# app with the repository's lockfile instead (the same release line), so Yarn
# resolves only what differs.
cp "$REPO/yarn.lock" "$APP/yarn.lock"
node scripts/derive-backstage-versions.mjs --json >"$WORK/backstage-versions.json"
node scripts/install-test/pin-app.mjs "$APP" "$WORK/backstage-versions.json"
# The repository's Yarn release (the same 4.x create-app ships).
cp "$REPO"/.yarn/releases/yarn-*.cjs "$APP/.yarn/releases/"

step "the README's install steps (tarball route), as written"
# Yarn 4.13's HTTP retry crashes on Node 24 ("The onCancel handler was attached
# after the promise settled") after any transient registry error; without
# retries the first attempt works and a real failure says what failed.
export YARN_HTTP_RETRY=0
node scripts/install-test/readme-steps.mjs sh >"$WORK/readme-install.sh"
(cd "$APP" && CAPSTAN="$WORK" bash -euo pipefail "$WORK/readme-install.sh" >"$WORK/install.log" 2>&1) || {
  tail -n 40 "$WORK/install.log" >&2
  exit 1
}
node scripts/install-test/readme-steps.mjs backend "$APP/packages/backend/src/index.ts"

step "one simulated management cluster"
start_group "$WORK/simulator.log" node packages/capi-simulator/bin/capi-simulator \
  --management-clusters sim-1 --seed-clusters 4 --time-scale 20 \
  --kubeconfig-dir "$WORK/kube" --port "$SIM_PORT"

cat >"$APP/install-test-entities.yaml" <<YAML
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: install-test-service
  annotations:
    capstan.dev/cluster-selector: capstan.dev/owner
spec:
  type: service
  lifecycle: production
  owner: user:development/guest
YAML
cat >"$APP/app-config.install-test.yaml" <<YAML
app:
  baseUrl: $BASE
backend:
  baseUrl: $BASE
  listen:
    port: $PORT
  cors:
    origin: $BASE
  database:
    client: better-sqlite3
    connection: ':memory:'
auth:
  providers:
    # The built backend runs without NODE_ENV=development; this test app signs in as guest.
    guest:
      dangerouslyAllowOutsideDevelopment: true
catalog:
  locations:
    - type: file
      target: $APP/install-test-entities.yaml
      rules:
        - allow: [Component]
permission:
  enabled: true
capi:
  permissions:
    platformGroups: [user:development/guest]
  managementClusters:
    - name: sim-1
      title: Simulated management cluster
      auth:
        type: kubeconfig
        file: $WORK/kube/sim-1.kubeconfig
  profiles:
    install-test:
      title: Install test
      managementCluster: sim-1
      namespace: clusters
      mode: clusterclass
      provider: docker
      clusterClass:
        name: quick-start
      kubernetesVersions: [v1.33.2, v1.34.1]
      defaultKubernetesVersion: v1.34.1
      machineSizes:
        small:
          title: Small
          cpu: 2
          memoryMiB: 8192
          diskGiB: 60
      controlPlaneSize: small
YAML
CONFIG=(--config "$APP/app-config.yaml" --config "$APP/app-config.install-test.yaml")

step "build the app's frontend (backstage-cli package build)"
(cd "$APP/packages/app" && nice -n 5 yarn backstage-cli package build "${CONFIG[@]}" >"$WORK/app-build.log" 2>&1) || {
  tail -n 40 "$WORK/app-build.log" >&2
  exit 1
}

step "build the app's backend"
(cd "$APP/packages/backend" && nice -n 5 yarn backstage-cli package build --skip-build-dependencies >"$WORK/backend-build.log" 2>&1) || {
  tail -n 40 "$WORK/backend-build.log" >&2
  exit 1
}

step "boot the built backend on :$PORT (node packages/backend)"
# The backend build writes the deployable bundle (dist/bundle.tar.gz, what a
# Docker image unpacks); its packages/backend/dist runs against the app's
# node_modules, which hold everything the bundle's production install would.
tar xzf "$APP/packages/backend/dist/bundle.tar.gz" -C "$APP" packages/backend/dist
wait_for "the simulator's kubeconfig" 60 test -s "$WORK/kube/sim-1.kubeconfig"
start_group "$WORK/backend.log" bash -c "cd '$APP' && exec node packages/backend ${CONFIG[*]}"
BACKEND_PID="${PIDS[-1]}"
for _ in $(seq 180); do
  if curl -fsS "$BASE/.backstage/health/v1/readiness" >/dev/null 2>&1; then break; fi
  kill -0 "$BACKEND_PID" 2>/dev/null || { echo "the backend exited" >&2; exit 1; }
  sleep 1
done
curl -fsS "$BASE/.backstage/health/v1/readiness" >/dev/null

step "GET /api/capi/profiles as the guest user"
TOKEN="$(curl -fsS -H 'X-Requested-With: XMLHttpRequest' "$BASE/api/auth/guest/refresh" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))')"
PROFILES="$(curl -fsS -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/capi/profiles")"
echo "$PROFILES" | tail -n 1 | grep -qx 200
echo "$PROFILES" | head -n -1 | grep -q '"install-test"' || {
  echo "profiles answer lacks install-test: $PROFILES" >&2
  exit 1
}
echo "200, profiles: $(echo "$PROFILES" | head -n -1 | head -c 200)"

step "the entity card in headless Chromium"
ENTITY_REF='component:default/install-test-service'
clusters_json() {
  curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/capi/clusters?entityRef=$ENTITY_REF"
}
cluster_names() {
  clusters_json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);const items=Array.isArray(j)?j:(j.items??j.clusters??[]);console.log(items.map(c=>c.name).filter(Boolean).slice(0,2).join(" "))})'
}
wait_for "the entity's clusters in the backend" 120 bash -c "[ -n \"\$(curl -fsS -H 'Authorization: Bearer $TOKEN' '$BASE/api/capi/clusters?entityRef=$ENTITY_REF' | grep -o '\"name\"')\" ]"
read -r -a NAMES <<<"$(cluster_names)"
mkdir -p "$SHOTS"
node scripts/install-test/check-card.mjs "$BASE" /catalog/default/component/install-test-service \
  "$SHOTS/entity-card.png" "${NAMES[@]}"

step "passed"
