#!/usr/bin/env bash
# Makes sure the Debian packages the local plane's network needs are here, and prints
# two lines: the nginx binary and its stream module.
#   - dnsmasq (package dnsmasq-base: the binary only, no service): the wildcard DNS server
#   - nginx with libnginx-mod-stream (what nginx-light depends on in bookworm): the data
#     plane of the plane's NGINX ingress controllers. Extracted with `dpkg -x` into the
#     plane's cache rather than installed: installing package nginx starts Debian's nginx
#     service on port 80 of the machine, which nothing here should own.
set -euo pipefail
CACHE_ROOT=${VC_PLANE_CACHE:-$HOME/.cache/virtual-clusters-plane}
log() { printf '[plane packages] %s\n' "$*" >&2; }
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if ! command -v dnsmasq >/dev/null; then
  log "installing Debian's dnsmasq-base"
  $sudo apt-get install -y --no-install-recommends dnsmasq-base >/dev/null ||
    { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends dnsmasq-base >/dev/null; }
fi

version=$(apt-cache policy nginx | awk '/Candidate:/ {print $2}')
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  $sudo apt-get update >/dev/null
  version=$(apt-cache policy nginx | awk '/Candidate:/ {print $2}')
fi
dir="$CACHE_ROOT/nginx-$version"
if [ ! -x "$dir/usr/sbin/nginx" ] || [ ! -f "$dir/usr/lib/nginx/modules/ngx_stream_module.so" ]; then
  log "extracting Debian's nginx $version and libnginx-mod-stream into $dir"
  work=$(mktemp -d)
  (cd "$work" && apt-get download "nginx=$version" "libnginx-mod-stream=$version" >/dev/null 2>&1) ||
    { $sudo apt-get update >/dev/null &&
      (cd "$work" && apt-get download "nginx=$version" "libnginx-mod-stream=$version" >/dev/null 2>&1); }
  mkdir -p "$dir.partial"
  for deb in "$work"/*.deb; do dpkg -x "$deb" "$dir.partial"; done
  rm -rf "$work" "$dir"
  mv "$dir.partial" "$dir"
fi
echo "$dir/usr/sbin/nginx"
echo "$dir/usr/lib/nginx/modules/ngx_stream_module.so"
