#!/usr/bin/env bash
# A real Kubernetes API server (kube-apiserver + etcd, built from source at the
# versions pinned in tools/real-capi/go.mod) with the real Cluster API CRDs, on
# loopback only. See docs/real-capi.md.
#
#   scripts/real-capi.sh build [--no-controllers]
#                                         build binaries, collect CRDs (cached)
#   scripts/real-capi.sh start [--dir D] [--controllers]
#                                         start etcd + kube-apiserver, install CRDs;
#                                         with --controllers also the CAPI managers
#   scripts/real-capi.sh stop  [--dir D]  stop what start started (by pid)
#   scripts/real-capi.sh restart-apiserver [--dir D]  same port, same etcd
#   scripts/real-capi.sh env   [--dir D]  print shell exports for a started stack
#   scripts/real-capi.sh demo  [--dir D]  start with controllers, seed in-memory
#                                         clusters, print an app-config file path
#
# CAPSTAN_REAL_CAPI_EXTRA_CRDS=dir[:dir] adds CRD folders at start (for
# providers the Go module proxy does not serve).
# CAPSTAN_REAL_CAPI_APISERVER_FLAGS="--flag=value ..." adds kube-apiserver flags.
#
# Everything goes under .tools/real-capi/ (ignored): bin/ (binaries), crds/
# (CRDs copied from the Go module cache), templates/ (upstream's in-memory
# ClusterClass), run/ (default state folder: certs,
# token, kubeconfig, etcd data, logs, pids). A stack's folder holds stack.json
# with its server URL and the paths of its CA, token and kubeconfig.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MOD="$ROOT/tools/real-capi"
TOOLS="$ROOT/.tools/real-capi"
BIN="$TOOLS/bin"
CRDS="$TOOLS/crds"
WEBHOOKS="$TOOLS/webhooks"
TEMPLATES="$TOOLS/templates"
GO="${GO:-go}"
command -v "$GO" >/dev/null || GO=/usr/local/go/bin/go

log() { printf '[real-capi] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# --- build -----------------------------------------------------------------

source_stamp() {
  (
    cd "$MOD"
    "$GO" version
    cat go.mod go.sum crds.txt
    find cmd -type f -name '*.go' | sort | xargs cat
  ) | sha256sum | cut -d' ' -f1
}

build_binaries() {
  # The version the API server reports (upstream sets it with these -X flags).
  local kv ldflags stamp
  kv="$(cd "$MOD" && "$GO" list -m -f '{{.Version}}' k8s.io/kubernetes)"
  ldflags="-X k8s.io/component-base/version.gitVersion=$kv -X k8s.io/component-base/version.gitMajor=$(echo "$kv" | cut -d. -f1 | tr -d v)"
  ldflags+=" -X k8s.io/component-base/version.gitMinor=$(echo "$kv" | cut -d. -f2) -X k8s.io/component-base/version.gitTreeState=clean"
  stamp="$( (source_stamp; echo "$ldflags") | sha256sum | cut -d' ' -f1)"
  if [[ -f "$BIN/.stamp" && "$(cat "$BIN/.stamp")" == "$stamp" ]] &&
    [[ -x "$BIN/kube-apiserver" && -x "$BIN/etcd" ]]; then
    log "binaries up to date ($BIN)"
    return
  fi
  mkdir -p "$BIN"
  log "building kube-apiserver and etcd from tools/real-capi/go.mod (cold: ~10-20 min on 2 cores)"
  local start=$SECONDS
  (cd "$MOD" && nice -n 10 "$GO" build -trimpath -ldflags "$ldflags" -o "$BIN/" ./cmd/...)
  echo "$stamp" >"$BIN/.stamp"
  log "built in $((SECONDS - start)) s"
}

collect_crds() {
  local stamp
  stamp="$(sha256sum "$MOD/crds.txt" | cut -d' ' -f1)"
  if [[ -f "$CRDS/.stamp" && "$(cat "$CRDS/.stamp")" == "$stamp" ]]; then
    log "CRDs up to date ($CRDS)"
    return
  fi
  rm -rf "$CRDS" "$WEBHOOKS"
  mkdir -p "$CRDS"
  local module version folder dir target
  while read -r module version folder; do
    [[ -z "$module" || "$module" == \#* ]] && continue
    dir="$(cd "$MOD" && "$GO" mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$dir/$folder" ]] || die "no $folder in $module@$version (module dir: ${dir:-none})"
    target="$CRDS/$(echo "$module@$version/$folder" | tr '/@' '__')"
    mkdir -p "$target"
    cp "$dir/$folder"/*.yaml "$target/"
    chmod u+w "$target"/*.yaml
    # kustomization.yaml files are not CRDs
    rm -f "$target/kustomization.yaml"
    log "CRDs: $module@$version/$folder ($(ls "$target" | wc -l) files)"
    # The component's own webhook registrations, for start --controllers.
    if [[ -f "$dir/${folder%/crd/bases}/webhook/manifests.yaml" ]]; then
      mkdir -p "$WEBHOOKS"
      cp "$dir/${folder%/crd/bases}/webhook/manifests.yaml" "$WEBHOOKS/$(basename "$target").yaml"
      chmod u+w "$WEBHOOKS/$(basename "$target").yaml"
    fi
  done <"$MOD/crds.txt"
  echo "$stamp" >"$CRDS/.stamp"
}

# The Cluster API managers, built straight from the upstream main packages
# (tool lines of tools/real-capi/controllers/go.mod), plus our webhook helper.
CONTROLLERS=(
  "capi-core sigs.k8s.io/cluster-api/core"
  "capi-kubeadm-bootstrap sigs.k8s.io/cluster-api/bootstrap/kubeadm"
  "capi-kubeadm-control-plane sigs.k8s.io/cluster-api/controlplane/kubeadm"
  "capi-dev-infrastructure sigs.k8s.io/cluster-api/test/infrastructure/docker"
  "register-webhooks ./cmd/register-webhooks"
)

controllers_stamp() {
  (
    cd "$MOD/controllers"
    "$GO" version
    cat go.mod go.sum
    find cmd -type f -name '*.go' | sort | xargs cat
  ) | sha256sum | cut -d' ' -f1
}

build_controllers() {
  local stamp
  stamp="$(controllers_stamp)"
  if [[ -f "$BIN/.stamp-controllers" && "$(cat "$BIN/.stamp-controllers")" == "$stamp" ]]; then
    log "controllers up to date ($BIN)"
    return
  fi
  mkdir -p "$BIN"
  log "building the Cluster API managers from tools/real-capi/controllers/go.mod"
  local start=$SECONDS entry
  for entry in "${CONTROLLERS[@]}"; do
    set -- $entry
    (cd "$MOD/controllers" && nice -n 10 "$GO" build -trimpath -o "$BIN/$1" "$2")
  done
  echo "$stamp" >"$BIN/.stamp-controllers"
  log "controllers built in $((SECONDS - start)) s"
}

# Upstream's in-memory ClusterClass (DevClusterTemplate, KubeadmControlPlaneTemplate,
# DevMachineTemplates, KubeadmConfigTemplate, ClusterClass "in-memory"), the one
# upstream's scale tests use; the lifecycle parity test creates clusters from it.
IN_MEMORY_CLASS="sigs.k8s.io/cluster-api/test v1.14.2 infrastructure/docker/templates/clusterclass-in-memory.yaml"

collect_templates() {
  local module version file dir
  read -r module version file <<<"$IN_MEMORY_CLASS"
  [[ -f "$TEMPLATES/$(basename "$file")" ]] && return
  dir="$(cd "$MOD" && "$GO" mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -f "$dir/$file" ]] || die "no $file in $module@$version"
  mkdir -p "$TEMPLATES"
  cp "$dir/$file" "$TEMPLATES/"
  chmod u+w "$TEMPLATES/$(basename "$file")"
  log "template: $module@$version/$file"
}

cmd_build() {
  build_binaries
  collect_crds
  collect_templates
  if [[ "${1:-}" != "--no-controllers" ]]; then build_controllers; fi
}

# --- start / stop ------------------------------------------------------------

STATE=""
parse_dir() {
  STATE="$TOOLS/run"
  while [[ $# -gt 0 ]]; do
    case "$1" in
    --dir)
      STATE="$2"
      shift 2
      ;;
    *) die "unknown argument: $1" ;;
    esac
  done
  mkdir -p "$STATE"
  STATE="$(cd "$STATE" && pwd)"
}

# Sets PORT to a loopback TCP port nobody listens on and that this run has
# not handed out yet (no subshell, so TAKEN is remembered).
TAKEN=" "
PORT=""
free_port() {
  local port
  for _ in $(seq 1 200); do
    # Not 19000-30000: the dev provider's in-memory backend listens there.
    port=$((30000 + RANDOM % 2700))
    [[ "$TAKEN" == *" $port "* ]] && continue
    if ! ss -Htln "sport = :$port" | grep -q .; then
      TAKEN+="$port "
      PORT="$port"
      return
    fi
  done
  die "no free port found"
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

make_certs() {
  local d="$STATE/pki"
  [[ -f "$d/apiserver.crt" ]] && return
  mkdir -p "$d"
  (
    cd "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=capstan-real-capi-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
      -keyout apiserver.key -out apiserver.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >apiserver.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 \
      -extfile apiserver.ext -out apiserver.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    # Static bearer tokens: one for Capstan (cluster-admin through system:masters).
    umask 077
    printf '%s,capstan,capstan,system:masters\n' "$(openssl rand -hex 24)" >tokens.csv
  )
}

wait_for() {
  local what="$1" timeout="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.3
  done
  log "$what ready"
}

start_etcd() {
  if alive "$STATE/etcd.pid"; then return; fi
  local client peer
  free_port
  client="$PORT"
  free_port
  peer="$PORT"
  echo "$client" >"$STATE/etcd.port"
  mkdir -p "$STATE/etcd"
  setsid "$BIN/etcd" --name capstan --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "capstan=http://127.0.0.1:$peer" \
    --unsafe-no-fsync --quota-backend-bytes 4294967296 --log-level warn \
    >"$STATE/etcd.log" 2>&1 </dev/null &
  echo $! >"$STATE/etcd.pid"
  wait_for etcd 60 curl -sf "http://127.0.0.1:$client/health" ||
    die "etcd did not become healthy; see $STATE/etcd.log"
}

start_apiserver() {
  if alive "$STATE/apiserver.pid"; then return; fi
  local port
  if [[ -f "$STATE/apiserver.port" ]]; then port="$(cat "$STATE/apiserver.port")"; else
    free_port
    port="$PORT"
    echo "$port" >"$STATE/apiserver.port"
  fi
  local p="$STATE/pki" extra=()
  # Extra kube-apiserver flags for this stack (e.g. --watch-cache=false, so
  # watches read etcd directly and see its compaction); kept for restarts.
  if [[ -n "${CAPSTAN_REAL_CAPI_APISERVER_FLAGS:-}" ]]; then
    echo "$CAPSTAN_REAL_CAPI_APISERVER_FLAGS" >"$STATE/apiserver.flags"
  fi
  if [[ -f "$STATE/apiserver.flags" ]]; then read -r -a extra <"$STATE/apiserver.flags"; fi
  setsid "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$(cat "$STATE/etcd.port")" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$port" \
    --cert-dir "$p" --tls-cert-file "$p/apiserver.crt" --tls-private-key-file "$p/apiserver.key" \
    --client-ca-file "$p/ca.crt" --token-auth-file "$p/tokens.csv" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$p/sa.pub" --service-account-signing-key-file "$p/sa.key" \
    --service-cluster-ip-range 10.0.0.0/24 --authorization-mode RBAC \
    --disable-admission-plugins ServiceAccount --allow-privileged=true \
    --endpoint-reconciler-type none --profiling=false --v=1 "${extra[@]}" \
    >>"$STATE/apiserver.log" 2>&1 </dev/null &
  echo $! >"$STATE/apiserver.pid"
  wait_for kube-apiserver 120 curl -sf --cacert "$p/ca.crt" \
    -H "Authorization: Bearer $(cut -d, -f1 "$p/tokens.csv")" "https://127.0.0.1:$port/readyz" ||
    die "kube-apiserver did not become ready; see $STATE/apiserver.log"
}

write_access_files() {
  local port server token
  port="$(cat "$STATE/apiserver.port")"
  server="https://127.0.0.1:$port"
  token="$(cut -d, -f1 "$STATE/pki/tokens.csv")"
  (
    umask 077
    printf '%s' "$token" >"$STATE/token"
    cat >"$STATE/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: real-capi
    cluster:
      server: $server
      certificate-authority: $STATE/pki/ca.crt
users:
  - name: capstan
    user:
      tokenFile: $STATE/token
contexts:
  - name: real-capi
    context: { cluster: real-capi, user: capstan }
current-context: real-capi
EOF
  )
  cat >"$STATE/stack.json" <<EOF
{
  "server": "$server",
  "caFile": "$STATE/pki/ca.crt",
  "tokenFile": "$STATE/token",
  "kubeconfig": "$STATE/kubeconfig",
  "etcd": "http://127.0.0.1:$(cat "$STATE/etcd.port")",
  "crds": "$CRDS",
  "templates": "$TEMPLATES"
}
EOF
}

install_crds() {
  [[ -f "$CRDS/.stamp" ]] || die "no CRDs collected; run: scripts/real-capi.sh build"
  local k=(kubectl --kubeconfig "$STATE/kubeconfig")
  "${k[@]}" apply --server-side --force-conflicts -R -f "$CRDS" >/dev/null
  # Optional: CRDs of providers whose modules the Go module proxy does not
  # serve (CAPV, CAPZ), from folders the developer supplies; never committed.
  local extra
  IFS=: read -r -a extra <<<"${CAPSTAN_REAL_CAPI_EXTRA_CRDS:-}"
  for dir in "${extra[@]}"; do
    [[ -n "$dir" ]] || continue
    "${k[@]}" apply --server-side --force-conflicts -R -f "$dir" >/dev/null
    log "extra CRDs from $dir"
  done
  "${k[@]}" wait --for condition=Established crd --all --timeout 120s >/dev/null
  log "CRDs installed: $("${k[@]}" get crd -o name | wc -l)"
}

# name binary CRD-folder-suffix extra-flags...
COMPONENTS=(
  "core capi-core _core_config_crd_bases --feature-gates=ClusterTopology=true"
  "kubeadm-bootstrap capi-kubeadm-bootstrap _bootstrap_kubeadm_config_crd_bases --feature-gates=ClusterTopology=true"
  "kubeadm-control-plane capi-kubeadm-control-plane _controlplane_kubeadm_config_crd_bases --feature-gates=ClusterTopology=true"
  "dev-infrastructure capi-dev-infrastructure _infrastructure_docker_config_crd_bases --feature-gates=ClusterTopology=true"
)

make_webhook_cert() {
  local d="$STATE/pki/webhook"
  [[ -f "$d/tls.crt" ]] && return
  mkdir -p "$d"
  (
    cd "$d"
    openssl req -newkey rsa:2048 -nodes -subj "/CN=capi-webhooks" -keyout tls.key -out tls.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >tls.ext
    openssl x509 -req -in tls.csr -CA ../ca.crt -CAkey ../ca.key -CAcreateserial -days 365 \
      -extfile tls.ext -out tls.crt 2>/dev/null
  )
}

start_controllers() {
  [[ -x "$BIN/capi-core" ]] || die "controllers not built; run: scripts/real-capi.sh build"
  # The dev provider's in-memory backend listens on fixed ports (19000, and
  # 20000-30000 for the workload clusters' API servers, on every interface;
  # upstream's main offers no flag), so one stack with controllers per machine.
  if ss -Htln "sport = :19000" | grep -q .; then
    die "port 19000 is in use: another stack with controllers is running (the in-memory provider always listens there)"
  fi
  make_webhook_cert
  # CAPI finds a provider's contract version from these CRD labels (set by
  # each component's kustomization upstream).
  kubectl --kubeconfig "$STATE/kubeconfig" label crd --overwrite \
    -l '!cluster.x-k8s.io/v1beta2' cluster.x-k8s.io/v1beta1=v1beta1 cluster.x-k8s.io/v1beta2=v1beta2 >/dev/null
  local entry name bin suffix port health diag
  for entry in "${COMPONENTS[@]}"; do
    set -- $entry
    name="$1" bin="$2"
    shift 3
    alive "$STATE/$name.pid" && continue
    free_port
    port="$PORT"
    free_port
    health="$PORT"
    free_port
    diag="$PORT"
    echo "$port" >"$STATE/$name.port"
    echo "$health" >"$STATE/$name.health"
    KUBECONFIG="$STATE/kubeconfig" POD_IP=127.0.0.1 setsid "$BIN/$bin" --leader-elect=false \
      --webhook-port "$port" --webhook-cert-dir "$STATE/pki/webhook" \
      --health-addr "127.0.0.1:$health" --diagnostics-address "127.0.0.1:$diag" --insecure-diagnostics \
      "$@" >>"$STATE/$name.log" 2>&1 </dev/null &
    echo $! >"$STATE/$name.pid"
  done
  for entry in "${COMPONENTS[@]}"; do
    set -- $entry
    name="$1" suffix="$3"
    wait_for "$name" 120 curl -sf "http://127.0.0.1:$(cat "$STATE/$name.health")/readyz" ||
      die "$name did not become ready; see $STATE/$name.log"
    local folder crds=()
    folder="$(ls -d "$CRDS"/*"$suffix")"
    for f in "$folder"/*.yaml; do
      f="$(basename "$f" .yaml)"
      crds+=("${f#*_}.${f%%_*}")
    done
    "$BIN/register-webhooks" --kubeconfig "$STATE/kubeconfig" \
      --manifests "$WEBHOOKS/$(basename "$folder").yaml" --url "https://127.0.0.1:$(cat "$STATE/$name.port")" \
      --ca-file "$STATE/pki/ca.crt" --prefix "capi-$name" \
      --conversion-crds "$(IFS=,; echo "${crds[*]}")" >/dev/null
  done
  log "controllers running: ${#COMPONENTS[@]} managers, webhooks registered"
}

cmd_start() {
  local controllers=false args=()
  for a in "$@"; do
    if [[ "$a" == "--controllers" ]]; then controllers=true; else args+=("$a"); fi
  done
  parse_dir "${args[@]}"
  [[ -x "$BIN/kube-apiserver" && -x "$BIN/etcd" ]] || die "not built; run: scripts/real-capi.sh build"
  local start=$SECONDS
  make_certs
  start_etcd
  start_apiserver
  write_access_files
  install_crds
  if $controllers; then start_controllers; fi
  log "started in $((SECONDS - start)) s: https://127.0.0.1:$(cat "$STATE/apiserver.port") (state: $STATE)"
  cmd_env_inner
}

stop_pid() {
  local file="$1"
  if alive "$file"; then
    local pid
    pid="$(cat "$file")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

cmd_stop() {
  parse_dir "$@"
  local entry
  for entry in "${COMPONENTS[@]}"; do
    set -- $entry
    stop_pid "$STATE/$1.pid"
  done
  stop_pid "$STATE/apiserver.pid"
  stop_pid "$STATE/etcd.pid"
  log "stopped ($STATE)"
}

cmd_restart_apiserver() {
  parse_dir "$@"
  stop_pid "$STATE/apiserver.pid"
  start_apiserver
}

cmd_env_inner() {
  [[ -f "$STATE/stack.json" ]] || die "no stack in $STATE; run: scripts/real-capi.sh start"
  echo "export CAPSTAN_REAL_CAPI_DIR='$STATE'"
  echo "export KUBECONFIG='$STATE/kubeconfig'"
}

cmd_env() {
  parse_dir "$@"
  cmd_env_inner
}

# The demo on the real stack (scripts/start.sh --real-capi): the stack with
# controllers, upstream's in-memory ClusterClass in namespace "clusters", a
# few in-memory clusters owned by the example teams, and an app-config file
# that adds the stack as management cluster "real-capi" next to the simulated
# ones (Backstage replaces arrays, so it lists all four).
cmd_demo() {
  parse_dir "$@"
  cmd_start --dir "$STATE" --controllers >/dev/null
  local k=(kubectl --kubeconfig "$STATE/kubeconfig")
  "${k[@]}" create namespace clusters --dry-run=client -o yaml | "${k[@]}" apply -f - >/dev/null
  "${k[@]}" apply -n clusters -f "$TEMPLATES/clusterclass-in-memory.yaml" >/dev/null
  local entry name owner component
  for entry in "real-payments team-payments payments-api" "real-checkout team-checkout checkout-web"; do
    read -r name owner component <<<"$entry"
    "${k[@]}" apply -f - >/dev/null <<EOF
apiVersion: cluster.x-k8s.io/v1beta2
kind: Cluster
metadata:
  name: $name
  namespace: clusters
  labels:
    capstan.dev/owner: $owner
    capstan.dev/entity-kind: component
    capstan.dev/entity-namespace: default
    capstan.dev/entity-name: $component
spec:
  clusterNetwork:
    services: { cidrBlocks: ["10.128.0.0/12"] }
    pods: { cidrBlocks: ["192.168.0.0/16"] }
    serviceDomain: cluster.local
  topology:
    classRef: { name: in-memory }
    version: v1.34.1
    controlPlane: { replicas: 1 }
    workers:
      machineDeployments:
        - { class: default-worker, name: md-0, replicas: 2 }
EOF
  done
  local state_dir="${CAPSTAN_STATE_DIR:-$ROOT/.capstan}"
  cat >"$STATE/app-config.real-capi.yaml" <<EOF
# Written by scripts/real-capi.sh demo: the simulated management clusters
# plus the real Cluster API stack in $STATE. The token comes from
# \$CAPSTAN_REAL_CAPI_TOKEN (start.sh reads it from $STATE/token).
capi:
  managementClusters:
    - name: onprem-fra
      title: On-prem Frankfurt (vSphere)
      auth: { type: kubeconfig, file: $state_dir/kubeconfig/onprem-fra.kubeconfig }
    - name: aws-eu
      title: AWS eu-central-1
      auth: { type: kubeconfig, file: $state_dir/kubeconfig/aws-eu.kubeconfig }
    - name: azure-we
      title: Azure West Europe
      auth: { type: kubeconfig, file: $state_dir/kubeconfig/azure-we.kubeconfig }
    - name: real-capi
      title: Real Cluster API v1.14 (in-memory machines)
      url: https://127.0.0.1:$(cat "$STATE/apiserver.port")
      caFile: $STATE/pki/ca.crt
      auth:
        type: serviceAccountToken
        token: \${CAPSTAN_REAL_CAPI_TOKEN}
EOF
  log "demo: 2 in-memory clusters in namespace clusters; config $STATE/app-config.real-capi.yaml"
  echo "$STATE/app-config.real-capi.yaml"
}

case "${1:-}" in
build)
  shift
  cmd_build "$@"
  ;;
start)
  shift
  cmd_start "$@"
  ;;
stop)
  shift
  cmd_stop "$@"
  ;;
restart-apiserver)
  shift
  cmd_restart_apiserver "$@"
  ;;
env)
  shift
  cmd_env "$@"
  ;;
demo)
  shift
  cmd_demo "$@"
  ;;
*)
  sed -n '2,24p' "$0" >&2
  exit 2
  ;;
esac
