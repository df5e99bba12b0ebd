#!/usr/bin/env bash
# The local Kubernetes control plane used by tests and the demo: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok (fake nodes), plus the vcluster
# stand-in controller. It runs no containers: kwok moves pods to Running.
#
#   plane.sh build | start | stop | status
#
# State (certificates, data, logs, pids, kubeconfigs) lives in $VC_PLANE_STATE
# (default /tmp/virtual-clusters-plane). Only processes recorded there are stopped.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STATE=${VC_PLANE_STATE:-/tmp/virtual-clusters-plane}
PIDS="$STATE/pids"
API_PORT=${VC_PLANE_API_PORT:-16443}
# a second host cluster, with Cluster API installed, on the same etcd
CAPI_API_PORT=${VC_PLANE_CAPI_API_PORT:-16444}
ETCD_PORT=${VC_PLANE_ETCD_PORT:-12379}
ETCD_PEER_PORT=$((ETCD_PORT + 1))
# the plane's network: NGINX ingress controllers, each on a loopback address of its own with
# a wildcard DNS name (plane-dns.sh), on the first host cluster:
#   ingress-nginx        class nginx        --enable-ssl-passthrough   *.vc.plane.test
#   ingress-nginx-plain  class nginx-plain  without it (TLS ends at NGINX)  *.plain.plane.test
INGRESS_ADDRESS=127.0.80.1
PLAIN_INGRESS_ADDRESS=127.0.81.1
# the chart repository of the team's test charts (charts/), served by NGINX
CHART_REPO_ADDRESS=127.0.88.1
CHART_REPO_PORT=8080
CHART_REPO_URL="http://$CHART_REPO_ADDRESS:$CHART_REPO_PORT"
# the hosts' nodes' InternalIP, and where each host's kwok serves the kubelet API (the
# node's daemonEndpoints port; both nodes have the same address, so the second host's port
# moves aside). Loopback: the API servers reach it for pods/log, which dials any node
# address (v1.36.3 pkg/registry/core/pod/strategy.go LogLocation); vcluster's fake kubelet
# reads logs through the host's pods/log (FakeKubelet.ts)
NODE_ADDRESS=127.0.0.1
KUBELET_PORT=10250
CAPI_KUBELET_PORT=10270
# how the API servers reach kubelets (pods/log; nodes/proxy refuses a loopback node): the
# node's InternalIP, with a client certificate of the plane's CA
KUBELET_CLIENT_FLAGS=(--kubelet-preferred-address-types InternalIP
  --kubelet-client-certificate "$STATE/pki/apiserver-kubelet-client.crt"
  --kubelet-client-key "$STATE/pki/apiserver-kubelet-client.key")
source "$HERE/plane-dns.sh"
# Node 22 for the stand-in and the ingress controllers (TypeScript run directly)
source "$ROOT/scripts/env.sh"

log() { printf '[plane %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

bin_dir() { bash "$HERE/build.sh" | tail -1; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# spawn NAME command... : runs in the background, logs to $STATE/logs/NAME.log, pid to $PIDS/NAME.pid
spawn() {
  local name=$1
  shift
  if alive "$PIDS/$name.pid"; then
    log "$name already running"
    return 0
  fi
  mkdir -p "$STATE/logs" "$PIDS"
  setsid "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
}

certs() {
  local dir=$STATE/pki
  [ -f "$dir/admin.crt" ] && return
  mkdir -p "$dir"
  log "creating certificates"
  (
    cd "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 365 \
      -subj "/CN=virtual-clusters-plane-ca" 2>/dev/null
    cat >san.cnf <<CNF
[req]
distinguished_name = dn
[dn]
[ext]
subjectAltName = IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc
extendedKeyUsage = serverAuth
CNF
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr \
      -subj "/CN=kube-apiserver" 2>/dev/null
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
      -out apiserver.crt -days 365 -extfile san.cnf -extensions ext 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr \
      -subj "/O=system:masters/CN=plane-admin" 2>/dev/null
    printf 'extendedKeyUsage = clientAuth\n' >client.cnf
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
      -out admin.crt -days 365 -extfile client.cnf 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  )
}

# the kubelet's serving certificate of the hosts' nodes (kwok's kubelet API on
# NODE_ADDRESS), CN system:node:<node> O system:nodes as a kubelet's, and the API servers'
# client certificate towards kubelets (CN kube-apiserver-kubelet-client, O system:masters,
# as kubeadm's apiserver-kubelet-client), both from the plane's CA; issued again when the
# serving certificate's extensions differ (a state from before)
kubelet_certs() {
  local dir=$STATE/pki
  local cnf
  cnf=$(printf '[req]\ndistinguished_name = dn\n[dn]\n[ext]\nsubjectAltName = IP:%s,DNS:kwok-node-0\nextendedKeyUsage = serverAuth' \
    "$NODE_ADDRESS")
  [ -f "$dir/kubelet.crt" ] && [ -f "$dir/apiserver-kubelet-client.crt" ] &&
    [ "$(cat "$dir/kubelet.cnf" 2>/dev/null)" = "$cnf" ] && return
  (
    cd "$dir"
    printf '%s\n' "$cnf" >kubelet.cnf
    openssl req -newkey rsa:2048 -nodes -keyout kubelet.key -out kubelet.csr \
      -subj "/O=system:nodes/CN=system:node:kwok-node-0" 2>/dev/null
    openssl x509 -req -in kubelet.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
      -out kubelet.crt -days 365 -extfile kubelet.cnf -extensions ext 2>/dev/null
    printf 'extendedKeyUsage = clientAuth\n' >client.cnf
    openssl req -newkey rsa:2048 -nodes -keyout apiserver-kubelet-client.key -out apiserver-kubelet-client.csr \
      -subj "/O=system:masters/CN=kube-apiserver-kubelet-client" 2>/dev/null
    openssl x509 -req -in apiserver-kubelet-client.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
      -out apiserver-kubelet-client.crt -days 365 -extfile client.cnf 2>/dev/null
  )
}

# kwok_kubelet PORT: kwok serves the kubelet API (containerLogs from kwok's Logs objects,
# kwok v0.8.0 pkg/kwok/server/debugging_logs.go) on NODE_ADDRESS:PORT with the kubelet
# certificate; --node-port puts PORT in the node's daemonEndpoints (its stages'
# NodePort), where the API server dials it
kwok_kubelet() {
  echo --node-ip "$NODE_ADDRESS" --node-port "$1" --server-address "$NODE_ADDRESS:$1" \
    --tls-cert-file "$STATE/pki/kubelet.crt" --tls-private-key-file "$STATE/pki/kubelet.key" \
    --enable-crds Logs
}

kubeconfig() { # file port
  local dir=$STATE/pki
  cat >"$1" <<KC
apiVersion: v1
kind: Config
clusters:
  - name: plane
    cluster:
      server: https://127.0.0.1:$2
      certificate-authority-data: $(base64 -w0 "$dir/ca.crt")
users:
  - name: admin
    user:
      client-certificate-data: $(base64 -w0 "$dir/admin.crt")
      client-key-data: $(base64 -w0 "$dir/admin.key")
contexts:
  - name: plane
    context: { cluster: plane, user: admin }
current-context: plane
KC
}

wait_ready() { # kubectl kubeconfig log-name
  local kubectl=$1
  for _ in $(seq 1 120); do
    if "$kubectl" --kubeconfig "$2" get --raw /readyz >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  log "kube-apiserver did not become ready; see $STATE/logs/$3.log"
  tail -20 "$STATE/logs/$3.log" >&2
  return 1
}

# host NAME PORT ETCD_PREFIX SERVICE_CIDR CM_PORT BIN KUBELET_PORT: kube-apiserver, controller-manager and
# kwok of one host cluster (the pods of the stand-in's control planes are placed on the
# fake node directly, so no scheduler is needed beyond the first host's)
host_cluster() {
  local name=$1 port=$2 prefix=$3 cidr=$4 cm_port=$5 bin=$6 kubelet_port=$7
  local kc="$STATE/$name.kubeconfig"
  kubeconfig "$kc" "$port"
  log "starting the $name host's kube-apiserver on https://127.0.0.1:$port"
  spawn "$name-kube-apiserver" "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" --etcd-prefix "$prefix" \
    --bind-address 127.0.0.1 --secure-port "$port" \
    --advertise-address 127.0.0.1 --endpoint-reconciler-type none \
    --service-cluster-ip-range "$cidr" \
    --client-ca-file "$STATE/pki/ca.crt" \
    --tls-cert-file "$STATE/pki/apiserver.crt" --tls-private-key-file "$STATE/pki/apiserver.key" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$STATE/pki/sa.pub" \
    --service-account-signing-key-file "$STATE/pki/sa.key" \
    --authorization-mode RBAC --allow-privileged=true \
    "${KUBELET_CLIENT_FLAGS[@]}" \
    --cert-dir "$STATE/pki/generated-$name"
  wait_ready "$bin/kubectl" "$kc" "$name-kube-apiserver"
  spawn "$name-kube-controller-manager" "$bin/kube-controller-manager" \
    --kubeconfig "$kc" --leader-elect=false \
    --bind-address 127.0.0.1 --secure-port "$cm_port" \
    --service-account-private-key-file "$STATE/pki/sa.key" \
    --root-ca-file "$STATE/pki/ca.crt" \
    --cluster-signing-cert-file "$STATE/pki/ca.crt" --cluster-signing-key-file "$STATE/pki/ca.key" \
    --controllers '*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route,-persistentvolume-expander' \
    --resource-quota-sync-period 15s
  "$bin/kubectl" --kubeconfig "$kc" apply -f "$(dirname "$bin")/kwok-crds/" >/dev/null
  # shellcheck disable=SC2046
  spawn "$name-kwok" "$bin/kwok" --kubeconfig "$kc" \
    --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --cidr 10.246.0.0/16 --node-lease-duration-seconds 40 -c "$STATE/kwok.yaml" \
    $(kwok_kubelet "$kubelet_port")
}

# establish KUBECTL... : waits until the VCluster CRD is established
established() {
  for _ in $(seq 1 60); do
    "$@" get crd vclusters.infrastructure.cluster.x-k8s.io -o jsonpath='{.status.conditions[?(@.type=="Established")].status}' 2>/dev/null | grep -q True && return 0
    sleep 0.5
  done
}

# node_address KUBECTL... : the fake node's InternalIP is NODE_ADDRESS, as a kubelet started
# with another --node-ip reports it (v1.36.3 pkg/kubelet/nodestatus/setters.go NodeAddress);
# kwok's stages keep an address once set, so a state from before gets it here
node_address() {
  local current
  current=$("$@" get node kwok-node-0 -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}' 2>/dev/null || true)
  if [ -n "$current" ] && [ "$current" != "$NODE_ADDRESS" ]; then
    log "node kwok-node-0: InternalIP $current -> $NODE_ADDRESS"
    "$@" patch node kwok-node-0 --subresource=status --type=strategic \
      -p "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"$NODE_ADDRESS\"}]}}" >/dev/null
  fi
}

# network BIN: the DNS server, the ingress controllers and the chart repository
network() {
  local bin=$1 nginx module
  { read -r nginx; read -r module; } < <(bash "$ROOT/scripts/plane-packages.sh")
  log "starting the wildcard DNS server on $VC_PLANE_DNS_ADDRESS:53"
  local user=()
  [ "$(id -u)" -ne 0 ] || user=(--user=root --group=root)
  spawn dns dnsmasq --keep-in-foreground --conf-file=/dev/null --pid-file= \
    --no-resolv --no-hosts --no-poll --bind-interfaces \
    --listen-address="$VC_PLANE_DNS_ADDRESS" --port=53 "${user[@]}" \
    --local=/plane.test/ \
    --address="/vc.plane.test/$INGRESS_ADDRESS" \
    --address="/plain.plane.test/$PLAIN_INGRESS_ADDRESS" \
    --log-facility=-
  log "starting the NGINX ingress controllers on $INGRESS_ADDRESS and $PLAIN_INGRESS_ADDRESS"
  local controller=(node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON "$HERE/src/ingress/main.ts"
    --state "$STATE" --kubeconfig "$STATE/admin.kubeconfig" --nginx "$nginx" --stream-module "$module")
  spawn ingress-nginx "${controller[@]}" --name ingress-nginx --address "$INGRESS_ADDRESS" -- \
    --controller-class=k8s.io/ingress-nginx --ingress-class=nginx --enable-ssl-passthrough \
    --publish-status-address="$INGRESS_ADDRESS" --status-update-interval=5
  spawn ingress-nginx-plain "${controller[@]}" --name ingress-nginx-plain --address "$PLAIN_INGRESS_ADDRESS" -- \
    --controller-class=k8s.io/ingress-nginx-plain --ingress-class=nginx-plain \
    --publish-status-address="$PLAIN_INGRESS_ADDRESS" --status-update-interval=5
  chart_repository "$bin" "$nginx"
}

# chart_repository BIN NGINX: packages each chart of charts/ at the versions charts/versions
# lists into $STATE/charts with the plane's helm, indexes them with `helm repo index --url`
# and serves the folder as static files over HTTP (NGINX; index.yaml and the .tgz files)
chart_repository() {
  local bin=$1 nginx=$2 dir=$STATE/charts conf=$STATE/chart-repo
  if ! alive "$PIDS/chart-repo.pid" && (exec 3<>"/dev/tcp/$CHART_REPO_ADDRESS/$CHART_REPO_PORT") 2>/dev/null; then
    log "$CHART_REPO_ADDRESS:$CHART_REPO_PORT is taken by another process"
    return 1
  fi
  log "packaging the test charts into $CHART_REPO_URL"
  # helm's cache and config of the plane's own, not the user's
  local helm_env=(env HELM_CACHE_HOME="$STATE/helm/cache" HELM_CONFIG_HOME="$STATE/helm/config"
    HELM_DATA_HOME="$STATE/helm/data")
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  local chart versions version
  while read -r chart versions; do
    case "$chart" in '' | '#'*) continue ;; esac
    for version in $versions; do
      "${helm_env[@]}" "$bin/helm" package --version "$version" --destination "$dir.partial" \
        "$HERE/charts/$chart" >/dev/null
    done
  done <"$HERE/charts/versions"
  "${helm_env[@]}" "$bin/helm" repo index --url "$CHART_REPO_URL" "$dir.partial"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  mkdir -p "$conf/tmp" "$STATE/logs"
  cat >"$conf/nginx.conf" <<CONF
# the plane's chart repository: static files, written by plane.sh
daemon off;
# workers as the user who runs the plane: started as root, NGINX would make them
# nobody, who cannot read a state directory made by mktemp (mode 700)
user $(id -un) $(id -gn);
worker_processes 1;
pid $conf/nginx.pid;
error_log stderr notice;
events { worker_connections 256; }
http {
  client_body_temp_path $conf/tmp/body;
  proxy_temp_path $conf/tmp/proxy;
  fastcgi_temp_path $conf/tmp/fastcgi;
  uwsgi_temp_path $conf/tmp/uwsgi;
  scgi_temp_path $conf/tmp/scgi;
  types { text/yaml yaml; application/gzip tgz; }
  default_type application/octet-stream;
  access_log $STATE/logs/chart-repo-access.log;
  server {
    listen $CHART_REPO_ADDRESS:$CHART_REPO_PORT;
    root $dir;
  }
}
CONF
  log "starting the chart repository on $CHART_REPO_URL"
  spawn chart-repo "$nginx" -p "$conf" -c "$conf/nginx.conf" -e stderr
}

start() {
  # the plane's processes resolve the wildcard names (the provider dials them)
  vc_plane_dns_enter "$0" start
  if alive "$PIDS/kube-apiserver.pid" && alive "$PIDS/capi-kube-apiserver.pid" && alive "$PIDS/standin.pid" &&
    alive "$PIDS/ingress-nginx.pid" && alive "$PIDS/dns.pid" && alive "$PIDS/chart-repo.pid"; then
    log "already running (state $STATE)"
    return 0
  fi
  local started=$SECONDS
  local bin
  bin=$(bin_dir)
  mkdir -p "$STATE"
  certs
  kubelet_certs
  kubeconfig "$STATE/admin.kubeconfig" "$API_PORT"
  local kubectl="$bin/kubectl --kubeconfig $STATE/admin.kubeconfig"

  if ! alive "$PIDS/etcd.pid" && (exec 3<>"/dev/tcp/127.0.0.1/$ETCD_PORT") 2>/dev/null; then
    log "port $ETCD_PORT is taken by another process; set VC_PLANE_ETCD_PORT"
    return 1
  fi
  log "starting etcd on 127.0.0.1:$ETCD_PORT"
  spawn etcd "$bin/etcd" --name plane --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "plane=http://127.0.0.1:$ETCD_PEER_PORT" \
    --unsafe-no-fsync --watch-progress-notify-interval=5s \
    --quota-backend-bytes=4294967296

  log "starting kube-apiserver on https://127.0.0.1:$API_PORT"
  spawn kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" --etcd-prefix /host \
    --bind-address 127.0.0.1 --secure-port "$API_PORT" \
    --advertise-address 127.0.0.1 --endpoint-reconciler-type none \
    --service-cluster-ip-range 10.96.0.0/16 \
    --client-ca-file "$STATE/pki/ca.crt" \
    --tls-cert-file "$STATE/pki/apiserver.crt" --tls-private-key-file "$STATE/pki/apiserver.key" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$STATE/pki/sa.pub" \
    --service-account-signing-key-file "$STATE/pki/sa.key" \
    --authorization-mode RBAC --allow-privileged=true \
    "${KUBELET_CLIENT_FLAGS[@]}" \
    --cert-dir "$STATE/pki/generated"
  wait_ready "$bin/kubectl" "$STATE/admin.kubeconfig" kube-apiserver

  # quota usage is recounted every 15 s (default 5 min), so that a quota created beside
  # running pods shows their usage soon, as it eventually does on any host
  log "starting kube-controller-manager, kube-scheduler and kwok"
  spawn kube-controller-manager "$bin/kube-controller-manager" \
    --kubeconfig "$STATE/admin.kubeconfig" --leader-elect=false \
    --bind-address 127.0.0.1 --secure-port 10257 \
    --service-account-private-key-file "$STATE/pki/sa.key" \
    --root-ca-file "$STATE/pki/ca.crt" \
    --cluster-signing-cert-file "$STATE/pki/ca.crt" --cluster-signing-key-file "$STATE/pki/ca.key" \
    --controllers '*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route,-persistentvolume-expander' \
    --resource-quota-sync-period 15s
  spawn kube-scheduler "$bin/kube-scheduler" \
    --kubeconfig "$STATE/admin.kubeconfig" --leader-elect=false \
    --bind-address 127.0.0.1 --secure-port 10259

  local stages="$STATE/kwok.yaml"
  local cache
  cache=$(dirname "$bin")
  : >"$stages"
  for f in "$cache"/kwok-stages/*.yaml; do
    cat "$f" >>"$stages"
    printf '\n---\n' >>"$stages"
  done
  $kubectl apply -f "$cache/kwok-crds/" >/dev/null
  # shellcheck disable=SC2046
  spawn kwok "$bin/kwok" --kubeconfig "$STATE/admin.kubeconfig" \
    --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --cidr 10.244.0.0/16 --node-lease-duration-seconds 40 -c "$stages" \
    $(kwok_kubelet "$KUBELET_PORT")

  $kubectl apply -f "$HERE/manifests/" >/dev/null
  node_address $kubectl
  $kubectl apply -f "$cache/kwok-storage-class.yaml" >/dev/null
  established $kubectl

  host_cluster capi "$CAPI_API_PORT" /capi-host 10.98.0.0/16 10267 "$bin" "$CAPI_KUBELET_PORT"
  local capi_kubectl="$bin/kubectl --kubeconfig $STATE/capi.kubeconfig"
  $capi_kubectl apply -f "$HERE/manifests/" >/dev/null
  node_address $capi_kubectl
  $capi_kubectl apply -f "$cache/kwok-storage-class.yaml" >/dev/null
  $capi_kubectl apply --server-side -f "$(ls -d "$cache"/capi-*)/" >/dev/null
  established $capi_kubectl

  cat >"$STATE/plane.json" <<JSON
{
  "kubeconfig": "$STATE/admin.kubeconfig",
  "kubectl": "$bin/kubectl",
  "binDir": "$bin",
  "server": "https://127.0.0.1:$API_PORT",
  "etcd": "http://127.0.0.1:$ETCD_PORT",
  "state": "$STATE",
  "dns": "$VC_PLANE_DNS_ADDRESS",
  "chartRepository": "$CHART_REPO_URL",
  "ingress": [
    { "name": "ingress-nginx", "ingressClassName": "nginx", "address": "$INGRESS_ADDRESS", "wildcardDomain": "vc.plane.test", "sslPassthrough": true },
    { "name": "ingress-nginx-plain", "ingressClassName": "nginx-plain", "address": "$PLAIN_INGRESS_ADDRESS", "wildcardDomain": "plain.plane.test", "sslPassthrough": false }
  ],
  "hosts": [
    { "name": "", "kubeconfig": "$STATE/admin.kubeconfig", "server": "https://127.0.0.1:$API_PORT" },
    { "name": "capi", "keyPrefix": "capi-", "kubeconfig": "$STATE/capi.kubeconfig", "server": "https://127.0.0.1:$CAPI_API_PORT" }
  ]
}
JSON

  network "$bin"

  log "starting the vcluster stand-in"
  # the provider's requeue delays (upstream 5 s / 1 min), short here but never zero; the
  # deploy controller's retry of a failed helm pass (upstream's 10 s)
  STANDIN_REQUEUE_NOT_READY_MS=${STANDIN_REQUEUE_NOT_READY_MS:-1000} \
    STANDIN_REQUEUE_HEALTHY_MS=${STANDIN_REQUEUE_HEALTHY_MS:-10000} \
    STANDIN_DEPLOY_RETRY_MS=${STANDIN_DEPLOY_RETRY_MS:-10000} \
    spawn standin node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON \
    "$HERE/src/standin/main.ts" --state "$STATE"
  sleep 1
  if ! alive "$PIDS/standin.pid"; then
    log "the stand-in did not start; see $STATE/logs/standin.log"
    tail -20 "$STATE/logs/standin.log" >&2
    return 1
  fi
  log "ready in $((SECONDS - started))s: KUBECONFIG=$STATE/admin.kubeconfig"
}

# stop_group PREFIX...: SIGTERM to every process of the group at once, up to 3 s for all
# of them to end, then SIGKILL for what is left
stop_group() {
  local prefix f pids=() files=()
  for prefix in "$@"; do
    for f in "$PIDS"/$prefix*.pid; do
      [ -f "$f" ] || continue
      files+=("$f")
      pids+=("$(cat "$f")")
    done
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill "${pids[@]}" 2>/dev/null || true
  local pid left
  for _ in $(seq 1 30); do
    left=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
    [ $left = 1 ] || break
    sleep 0.1
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
  rm -f "${files[@]}"
}

stop() {
  [ -d "$PIDS" ] || { log "not running"; return 0; }
  # the stand-in first, on its own: it records the virtual control planes it started
  # under $PIDS too, and would start them again; then everything but etcd at once (each
  # API server drains its own requests), then etcd, which they all write to
  stop_group standin
  stop_group ingress-nginx dns chart-repo vc- capi-kwok capi-kube-controller-manager capi-kube-apiserver kwok kube-scheduler kube-controller-manager kube-apiserver
  stop_group etcd
  rm -f "$STATE/plane.json"
  log "stopped"
}

status() {
  [ -d "$PIDS" ] || { echo "not running"; return 0; }
  for f in "$PIDS"/*.pid; do
    [ -f "$f" ] || continue
    local name pid rss
    name=$(basename "$f" .pid)
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      rss=$(ps -o rss= -p "$pid" | tr -d ' ')
      printf '%-40s pid %-8s running  rss %s MiB\n' "$name" "$pid" "$((rss / 1024))"
    else
      printf '%-40s pid %-8s stopped\n' "$name" "$pid"
    fi
  done
}

case "${1:-}" in
  build) bin_dir ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 build|start|stop|status" >&2
    exit 2
    ;;
esac
