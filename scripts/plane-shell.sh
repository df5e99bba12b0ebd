#!/usr/bin/env bash
# A shell, or one command, in which the local plane's wildcard DNS names resolve
# (*.vc.plane.test: virtual clusters behind the plane's NGINX; see
# test/cluster/plane-dns.sh). For kubectl against an Ingress cluster of the demo, or one
# test file:  bash scripts/plane-shell.sh yarn --cwd plugins/virtual-clusters-backend \
#   backstage-cli package test ingress
# The names resolve for nothing outside it.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/../test/cluster/plane-dns.sh"
vc_plane_dns_enter "$0" "$@"
if [ $# -eq 0 ]; then
  echo "[plane-shell] *.vc.plane.test resolves in this shell; exit to leave" >&2
  exec "${SHELL:-bash}" -i
fi
exec "$@"
