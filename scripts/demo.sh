#!/usr/bin/env bash
# Sets up a fresh machine and starts the demo: the local control plane (a real
# Kubernetes API with a stand-in for vcluster, see test/cluster/README.md) and Backstage
# on http://localhost:3000 (backend :7007, SQLite files under the plane's demo state,
# so a restart remembers the clusters). Ctrl-C stops everything.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# in a mount namespace of its own, where the plane's wildcard DNS names resolve
source "$here/../test/cluster/plane-dns.sh"
vc_plane_dns_enter "$0" "$@"
bash "$here/setup.sh"
source "$here/env.sh"
cd "$VC_ROOT"

export VC_PLANE_STATE=${VC_PLANE_STATE:-$VC_ROOT/.plane/demo}
trap 'bash test/cluster/plane.sh stop || true' EXIT
# a kill (not only Ctrl-C) stops the plane too
trap 'exit 143' TERM
bash test/cluster/plane.sh start
export VC_PLANE_KUBECONFIG="$VC_PLANE_STATE/admin.kubeconfig"
export VC_PLANE_CAPI_KUBECONFIG="$VC_PLANE_STATE/capi.kubeconfig"
export VC_DEMO_DATABASE_DIR="$VC_PLANE_STATE/backstage-db"
mkdir -p "$VC_DEMO_DATABASE_DIR"

vc_log "starting Backstage: http://localhost:3000 (sign in as guest)"
yarn start --config "$VC_ROOT/app-config.yaml" --config "$VC_ROOT/app-config.demo.yaml"
