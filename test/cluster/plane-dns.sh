# Sourced by the plane's and the project's scripts. The plane's wildcard DNS names
# (`*.vc.plane.test`: the virtual clusters behind the plane's NGINX) resolve only for the
# processes of a run: each entry script runs itself again in a private mount namespace in
# which /etc/resolv.conf asks the plane's DNS server (dnsmasq on $VC_PLANE_DNS_ADDRESS:53)
# first and then the machine's own name servers. The machine's resolver configuration is
# never changed, and no process outside the namespace sees the names.
#
#   vc_plane_dns_enter "$0" "$@"   re-runs the calling script inside (once; a no-op inside)
#
# Inside, VC_PLANE_DNS_OUTER_PID is a process in the machine's own mount namespace (the
# waiting parent), so a test can check what the machine outside resolves:
#   nsenter --mount=/proc/$VC_PLANE_DNS_OUTER_PID/ns/mnt getent hosts <name>

VC_PLANE_DNS_ADDRESS=${VC_PLANE_DNS_ADDRESS:-127.0.53.53}

# the resolver configuration the namespace sees: the plane's server, then the machine's
vc_plane_resolv_conf() { # file
  {
    echo "# the local plane's DNS server first (the wildcard domains), then this machine's"
    echo "nameserver $VC_PLANE_DNS_ADDRESS"
    grep -E '^[[:space:]]*(nameserver|search|domain)' /etc/resolv.conf | grep -v "$VC_PLANE_DNS_ADDRESS" || true
    # the plane's server answers names outside its domains with REFUSED, and a stopped
    # server refuses at once on the loopback, so resolvers move on without waiting
    echo "options timeout:1 attempts:2"
  } >"$1"
}

vc_plane_dns_enter() { # script args...
  [ -n "${VC_PLANE_DNS_OUTER_PID:-}" ] && return 0
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.plane"
  mkdir -p "$dir"
  local conf="$dir/resolv.conf.$$"
  vc_plane_resolv_conf "$conf"
  local flags=(--mount --propagation private)
  # without root, a user namespace of one's own may mount
  [ "$(id -u)" -eq 0 ] || flags+=(--map-root-user)
  local status=0
  VC_PLANE_DNS_OUTER_PID=$$ unshare "${flags[@]}" -- \
    bash -c 'mount --bind "$1" /etc/resolv.conf && shift && exec bash "$@"' _ "$conf" "$@" <&0 &
  local child=$!
  trap 'kill -TERM $child 2>/dev/null' TERM INT HUP
  wait "$child" || status=$?
  # a signal interrupts the first wait: wait for the child's own end
  while kill -0 "$child" 2>/dev/null; do wait "$child" || status=$?; done
  rm -f "$conf"
  exit "$status"
}
