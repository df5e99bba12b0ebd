#!/usr/bin/env bash
# End-to-end test in Debian's headless Chromium: the demo backend (serving the built
# app) against the local control plane, driven by Playwright (playwright.config.ts,
# packages/app/e2e-tests). Screenshots go to docs/screenshots/.
# Expects scripts/setup.sh to have run; starts the plane unless it is running.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# in a mount namespace of its own, where the plane's wildcard DNS names resolve
source "$here/../test/cluster/plane-dns.sh"
vc_plane_dns_enter "$0" "$@"
source "$here/env.sh"
cd "$VC_ROOT"

bash "$here/chromium.sh"
export E2E_PORT=${E2E_PORT:-7007}
export VC_PLANE_STATE=${VC_PLANE_STATE:-$VC_ROOT/.plane/e2e}
export VC_PLANE_KUBECONFIG="$VC_PLANE_STATE/admin.kubeconfig"
export VC_PLANE_CAPI_KUBECONFIG="$VC_PLANE_STATE/capi.kubeconfig"
# the demo's database, fresh for each run (the demo itself keeps its own)
export VC_DEMO_DATABASE_DIR="$(mktemp -d)"
bash test/cluster/plane.sh start </dev/null

vc_log "building the app"
yarn --cwd packages/app build >/dev/null

log="$VC_ROOT/.plane/e2e-backend.log"
mkdir -p "$(dirname "$log")"
vc_log "starting the backend on :$E2E_PORT (log: $log)"
# a session of its own, so stopping it stops yarn, the CLI and the backend together
setsid bash -c 'cd packages/backend && exec yarn start --config ../../app-config.yaml \
  --config ../../app-config.demo.yaml --config ../app/e2e-tests/app-config.e2e.yaml' \
  >"$log" 2>&1 &
backend=$!
stop_backend() {
  kill -TERM -- "-$backend" 2>/dev/null || true
  wait "$backend" 2>/dev/null || true
  rm -rf "$VC_DEMO_DATABASE_DIR"
}
trap stop_backend EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$E2E_PORT/healthcheck" >/dev/null && break
  kill -0 "$backend" 2>/dev/null || { tail -40 "$log"; exit 1; }
  sleep 1
done

vc_log "running Playwright in Chromium"
PLAYWRIGHT_URL="http://localhost:$E2E_PORT" CI=true yarn playwright test
