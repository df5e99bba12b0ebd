#!/usr/bin/env bash
# Sets up a fresh machine and runs every check: prettier, lint, tsc and all tests
# (against the local Kubernetes control plane, PostgreSQL and SQLite).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# in a mount namespace of its own, where the plane's wildcard DNS names resolve
source "$here/../test/cluster/plane-dns.sh"
vc_plane_dns_enter "$0" "$@"
bash "$here/setup.sh"
source "$here/env.sh"
source "$here/postgres.sh"
cd "$VC_ROOT"
export CI=true

step() { vc_log "== $* =="; }
started=$SECONDS

step "prettier"
yarn prettier --check .
step "lint"
yarn backstage-cli repo lint
step "tsc"
yarn tsc
step "generated API files match openapi.yaml"
(cd plugins/virtual-clusters-backend && yarn check:openapi)

step "PostgreSQL"
vc_postgres

export VC_PLANE_STATE=${VC_PLANE_STATE:-$VC_ROOT/.plane/test}
step "local control plane"
trap 'bash test/cluster/plane.sh stop || true' EXIT
bash test/cluster/plane.sh start

step "tests"
results="$VC_ROOT/.plane/jest-output.log"
mkdir -p "$(dirname "$results")"
set +e
yarn backstage-cli repo test --ci 2>&1 | tee "$results"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 0 ]; then
  step "e2e (Chromium)"
  e2e_results="$VC_ROOT/.plane/e2e-output.log"
  set +e
  bash "$here/e2e.sh" 2>&1 | tee "$e2e_results"
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" -eq 0 ] || vc_log "e2e failed"
fi
# the last "<n> passed" (or failed) in the input, 0 when there is none
count() { { grep -oE "[0-9]+ $1" || true; } | tail -1 | { grep -oE '[0-9]+' || echo 0; }; }
summary=$(grep -E '^Tests:' "$results" | tail -1)
passed=$(echo "$summary" | count passed)
failed=$(echo "$summary" | count failed)
if [ -n "${e2e_results:-}" ]; then
  # Playwright's summary lines: "  2 passed (36.7s)", "  1 failed"
  playwright() { { grep -E "^ +[0-9]+ $1" "$e2e_results" || true; } | count "$1"; }
  passed=$((passed + $(playwright passed)))
  failed=$((failed + $(playwright failed)))
fi
if [ "$status" -ne 0 ]; then
  vc_log "tests failed"
  echo "tests: ${passed:-0} passed, ${failed:-0} failed"
  exit "$status"
fi
vc_log "all checks passed in $((SECONDS - started))s"
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
