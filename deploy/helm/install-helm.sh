#!/usr/bin/env bash
# Installs Helm for the chart's test (src/test/java/org/gofer/deploy/HelmChartTest.java), built from
# the Go module proxy: the one source of Helm this machine can reach. Cached: nothing happens when
# the binary is there. Non-fatal by design: without go, or when the build fails, it says so and
# exits 1, and ./gofer setup carries on (the test then skips and names this script).
#   deploy/helm/install-helm.sh        installs $GOFER_HELM (default /var/cache/gofer/helm/bin/helm)
set -uo pipefail
HELM=${GOFER_HELM:-/var/cache/gofer/helm/bin/helm}
# Helm 4; v4.3.2 resolves through the proxy (v3.22.0 does not).
VERSION=v4.3.2
say() { printf '\033[1m[gofer]\033[0m %s\n' "$*" >&2; }

if [ -x "$HELM" ]; then
  exit 0
fi
if ! command -v go >/dev/null; then
  say "warning: go is not installed, so Helm is not; the Helm chart test will skip"
  exit 1
fi
mkdir -p "$(dirname "$HELM")"
say "building Helm $VERSION from the Go module proxy (several minutes on two cores)"
log="$(dirname "$HELM")/install.log"
if ! GOBIN="$(dirname "$HELM")" GOFLAGS=-buildvcs=false timeout 1800 \
    go install "helm.sh/helm/v4/cmd/helm@$VERSION" >"$log" 2>&1; then
  say "warning: Helm could not be built (see $log); the Helm chart test will skip"
  exit 1
fi
say "Helm installed at $HELM"
