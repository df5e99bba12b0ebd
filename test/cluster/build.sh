#!/usr/bin/env bash
# Builds the local Kubernetes control plane binaries from the Go module proxy into a cache
# outside the repository, keyed by versions. A warm run builds nothing.
#
#   K8S_VERSION (v1.36.3)  ETCD_VERSION (v3.6.16)  KWOK_VERSION (v0.8.0)
#   CAPI_VERSION (v1.9.3: the Cluster API cluster-api-provider-vcluster v0.2.2 is built on)
#   HELM_VERSION (v3.17.3: the helm the vcluster v0.32.3 image ships, Dockerfile.release
#     HELM_VERSION; the stand-in's deploy controller runs it)
#   PRELINK_VERSIONS: distro versions whose stamped control planes are linked ahead (the
#     stand-in links any other version on first use; see src/standin/binaries.ts)
#   VC_PLANE_CACHE (~/.cache/virtual-clusters-plane)
#
# Prints the bin directory on its last line.
set -euo pipefail

K8S_VERSION=${K8S_VERSION:-v1.36.3}
ETCD_VERSION=${ETCD_VERSION:-v3.6.16}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
CAPI_VERSION=${CAPI_VERSION:-v1.9.3}
HELM_VERSION=${HELM_VERSION:-v3.17.3}
# the k3s and k8s images the backend's default Kubernetes versions use, linked here so that
# a cold machine does not link them while the tests wait for their first clusters
PRELINK_VERSIONS=${PRELINK_VERSIONS:-v1.31.9+k3s1 v1.32.5+k3s1 v1.33.1+k3s1 v1.32.5 v1.33.1 v1.34.1}
STAMPED="kube-apiserver kube-controller-manager kube-scheduler"
CACHE_ROOT=${VC_PLANE_CACHE:-$HOME/.cache/virtual-clusters-plane}
KEY="k8s-${K8S_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}"
OUT="$CACHE_ROOT/$KEY"
BIN="$OUT/bin"
export GOFLAGS=${GOFLAGS:--buildvcs=false}
export CGO_ENABLED=0

log() { printf '[plane build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# one build at a time per cache (a second waits, then finds everything built): two at
# once, e.g. the set-up script and a plane started beside it, renamed each other's files
mkdir -p "$OUT"
exec 9>"$OUT/.build.lock"
if ! flock -n 9; then
  log "another build of $OUT is running; waiting for it"
  flock 9
fi

staging_version() { # v1.36.3 -> v0.36.3
  local v=${1#v}
  echo "v0.${v#*.}"
}

# Writes a wrapper module in $1 that requires $2@$3 and replaces every staging
# `k8s.io/<x> => ./staging/src/k8s.io/<x>` directive of its go.mod with the published version.
wrapper_module() {
  local dir=$1 mod=$2 ver=$3 staging=${4:-}
  mkdir -p "$dir"
  local modfile
  modfile=$(go mod download -json "$mod@$ver" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
  {
    echo "module local.test/plane-$(basename "$dir")"
    echo
    grep -E '^go [0-9]' "$modfile" | head -1
    echo
    echo "require $mod $ver"
    if [ -n "$staging" ]; then
      echo
      echo "replace ("
      grep -E '^\s*k8s.io/[a-z0-9.-]+ => ./staging/' "$modfile" |
        awk -v sv="$staging" '{ printf "\t%s => %s %s\n", $1, $1, sv }'
      echo ")"
    fi
  } >"$dir/go.mod"
  printf 'package tools\n\nimport _ "%s"\n' "$mod" >/dev/null
}

# The version Kubernetes' own build stamps into its binaries (hack/lib/version.sh), so
# that /version answers e.g. v1.36.3 and not v0.0.0-master.
k8s_version_ldflags() {
  local v=${K8S_VERSION#v} p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    printf -- ' -X %s.gitVersion=%s -X %s.gitMajor=%s -X %s.gitMinor=%s -X %s.gitTreeState=clean' \
      "$p" "$K8S_VERSION" "$p" "${v%%.*}" "$p" "$(echo "$v" | cut -d. -f2)" "$p"
  done
}

build() { # name dir package [extra ldflags]
  local name=$1 dir=$2 pkg=$3 extra=${4:-}
  if [ -x "$BIN/$name" ]; then
    log "$name: cached"
    return
  fi
  log "$name: building $pkg (this takes minutes on 2 cores)"
  local start=$SECONDS
  (cd "$dir" && go build -trimpath -ldflags="-s -w$extra" -o "$BIN/$name.tmp" "$pkg")
  mv "$BIN/$name.tmp" "$BIN/$name"
  log "$name: built in $((SECONDS - start))s"
}

K8S_BINARIES="kube-apiserver kube-controller-manager kube-scheduler kubectl"
# caches made before the binaries were stamped with their version: link them again
# (the Go build cache keeps the compiled packages, so this takes seconds, not minutes)
if [ -x "$BIN/kube-apiserver" ] && [ ! -f "$OUT/k8s-version-stamped" ]; then
  for b in $K8S_BINARIES; do rm -f "$BIN/$b"; done
fi

# a helm of another version than HELM_VERSION is built again
if [ -x "$BIN/helm" ] && [ "$(cat "$OUT/helm-version" 2>/dev/null)" != "$HELM_VERSION" ]; then
  rm -f "$BIN/helm"
fi

need() {
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok helm; do
    [ -x "$BIN/$b" ] || return 0
  done
  [ -d "$OUT/kwok-stages" ] || return 0
  [ -f "$OUT/capi-$CAPI_VERSION/cluster.x-k8s.io_clusters.yaml" ] || return 0
  for v in $PRELINK_VERSIONS; do
    for b in $STAMPED; do [ -x "$OUT/versions/$b-$v" ] || return 0; done
  done
  return 1
}

# kwok's Logs CRD (kustomize/crd/bases of its module): the hosts' kwoks serve the
# kubelet's containerLogs from Logs objects (--enable-crds=Logs), which the stand-in writes.
# Copied on its own, so that a cache built before it gets it without a build.
kwok_crds() {
  [ -f "$OUT/kwok-crds/kwok.x-k8s.io_logs.yaml" ] && return 0
  command -v go >/dev/null || return 0
  local dir
  dir=$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  rm -rf "$OUT/kwok-crds.tmp"
  mkdir -p "$OUT/kwok-crds.tmp"
  cp "$dir/kustomize/crd/bases/kwok.x-k8s.io_logs.yaml" "$OUT/kwok-crds.tmp/"
  chmod -R u+w "$OUT/kwok-crds.tmp"
  rm -rf "$OUT/kwok-crds"
  mv "$OUT/kwok-crds.tmp" "$OUT/kwok-crds"
}
kwok_crds

mkdir -p "$BIN"
if ! need; then
  echo "$BIN"
  exit 0
fi
command -v go >/dev/null || { log "Go is required to build the control plane"; exit 1; }

SRC="$OUT/src"
log "cache $OUT"

wrapper_module "$SRC/kubernetes" k8s.io/kubernetes "$K8S_VERSION" "$(staging_version "$K8S_VERSION")"
(cd "$SRC/kubernetes" && log "resolving k8s.io/kubernetes $K8S_VERSION modules" &&
  go mod download k8s.io/kubernetes && go mod tidy -e >/dev/null 2>&1 || true)
for c in kube-apiserver kube-controller-manager kube-scheduler; do
  (cd "$SRC/kubernetes" && go get "k8s.io/kubernetes/cmd/$c@$K8S_VERSION" >/dev/null 2>&1 || true)
  build "$c" "$SRC/kubernetes" "k8s.io/kubernetes/cmd/$c" "$(k8s_version_ldflags)"
done
(cd "$SRC/kubernetes" && go get k8s.io/kubectl/pkg/cmd >/dev/null 2>&1 || true)
build kubectl "$SRC/kubernetes" "k8s.io/kubernetes/cmd/kubectl" "$(k8s_version_ldflags)"
touch "$OUT/k8s-version-stamped"

wrapper_module "$SRC/etcd" go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
(cd "$SRC/etcd" && go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null 2>&1 || true)
build etcd "$SRC/etcd" "go.etcd.io/etcd/server/v3"

wrapper_module "$SRC/kwok" sigs.k8s.io/kwok "$KWOK_VERSION"
(cd "$SRC/kwok" && go get "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" >/dev/null 2>&1 || true)
build kwok "$SRC/kwok" "sigs.k8s.io/kwok/cmd/kwok"

# helm, stamped as helm's Makefile stamps a release (internal/version, and the Kubernetes
# version its chartutil and lint rules assume, from the client-go it is built with)
helm_ldflags() {
  local v p client_go major minor
  client_go=$(cd "$SRC/helm" && go list -m -f '{{.Version}}' k8s.io/client-go)
  v=${client_go#v}
  major=$((${v%%.*} + 1))
  minor=$(echo "$v" | cut -d. -f2)
  printf -- ' -X helm.sh/helm/v3/internal/version.version=%s' "$HELM_VERSION"
  printf -- ' -X helm.sh/helm/v3/internal/version.metadata='
  printf -- ' -X helm.sh/helm/v3/internal/version.gitTreeState=clean'
  for p in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    printf -- ' -X %s.k8sVersionMajor=%s -X %s.k8sVersionMinor=%s' "$p" "$major" "$p" "$minor"
  done
}
wrapper_module "$SRC/helm" helm.sh/helm/v3 "$HELM_VERSION"
(cd "$SRC/helm" && go get "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >/dev/null 2>&1 || true)
build helm "$SRC/helm" "helm.sh/helm/v3/cmd/helm" "$(helm_ldflags)"
echo "$HELM_VERSION" >"$OUT/helm-version"

# kwok needs stage configs to move pods to Running; copy them from its module.
KWOK_DIR=$(cd "$SRC/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)
rm -rf "$OUT/kwok-stages.tmp"
mkdir -p "$OUT/kwok-stages.tmp"
for d in node/fast node/heartbeat-with-lease pod/fast volume/fast; do
  for f in "$KWOK_DIR/kustomize/stage/$d"/*.yaml; do
    grep -q '^kind: Stage' "$f" && cp "$f" "$OUT/kwok-stages.tmp/$(basename "$f")"
  done
done
cp "$KWOK_DIR/kustomize/stage/volume/fast/storage-class.yaml" "$OUT/kwok-storage-class.yaml"
chmod -R u+w "$OUT/kwok-stages.tmp" "$OUT/kwok-storage-class.yaml"
rm -rf "$OUT/kwok-stages"
mv "$OUT/kwok-stages.tmp" "$OUT/kwok-stages"

# The Cluster API CRD that a host of the plane installs (from the module, as clusterctl
# init would apply it; only the Cluster kind is used here).
CAPI_DIR=$(go mod download -json "sigs.k8s.io/cluster-api@$CAPI_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
mkdir -p "$OUT/capi-$CAPI_VERSION"
cp "$CAPI_DIR/config/crd/bases/cluster.x-k8s.io_clusters.yaml" "$OUT/capi-$CAPI_VERSION/"
chmod -R u+w "$OUT/capi-$CAPI_VERSION"

# Control planes that report a distro's version: the plane's binaries linked again with
# that version stamped (the same flags as src/standin/binaries.ts; seconds each, since the
# packages are in the Go build cache).
mkdir -p "$OUT/versions"
for v in $PRELINK_VERSIONS; do
  minor=$(echo "${v#v}" | cut -d. -f2)
  flags=""
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags="$flags -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  done
  for b in $STAMPED; do
    [ -x "$OUT/versions/$b-$v" ] && continue
    log "$b $v: linking"
    (cd "$SRC/kubernetes" && go build -trimpath -ldflags="-s -w$flags" -o "$OUT/versions/$b-$v.tmp" "k8s.io/kubernetes/cmd/$b")
    mv "$OUT/versions/$b-$v.tmp" "$OUT/versions/$b-$v"
  done
done

log "done"
echo "$BIN"
