#!/usr/bin/env bash
# Sets up a fresh machine: Node 22 + yarn (scripts/env.sh), the locked dependencies,
# and the local control plane binaries (built once into a cache outside the repo).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$VC_ROOT"

vc_log "node $(node --version), yarn $(yarn --version)"
vc_log "installing dependencies from yarn.lock"
yarn install --immutable
vc_log "building the local control plane binaries (cached after the first run)"
bash test/cluster/build.sh >/dev/null
vc_log "set-up done"
