#!/usr/bin/env bash
# Runs a benchmark script (TypeScript) with Backstage's node transform, against the
# local control plane (started if needed, stopped afterwards if this script started it).
#   bash bench/run.sh reconcile-scale [count] [hostClusters]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../scripts/env.sh"
export VC_PLANE_STATE=${VC_PLANE_STATE:-$VC_ROOT/.plane/bench}
name=$1
shift
if [ ! -f "$VC_PLANE_STATE/plane.json" ]; then
  trap 'bash "$VC_ROOT/test/cluster/plane.sh" stop' EXIT
  bash "$VC_ROOT/test/cluster/plane.sh" start
fi
cd "$VC_ROOT"
node --require @backstage/cli-node/config/nodeTransform.cjs "bench/$name.ts" "$@"
