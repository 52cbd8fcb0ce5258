#!/usr/bin/env bash
# Installs the Kubernetes schema validator for the tests that check Gofer's manifests against the
# Kubernetes API's schema (GradingManifestSchemaTest, HelmChartSchemaTest): kubernetes-validate from
# the Python package index, in a venv of its own. It ships the API's OpenAPI schemas as strict JSON
# schemas, one set per Kubernetes release, so no cluster is needed. Cached: nothing happens when the
# venv holds the pinned version for this Python. Non-fatal by design: when the index cannot be
# reached it says so and exits 1, and ./gofer setup carries on (the tests then skip and name this
# script).
#   deploy/kubernetes-schema/install-validator.sh    installs $GOFER_K8S_VALIDATOR_VENV
#                                                     (default /var/cache/gofer/kubernetes-validate)
# Environment: GOFER_K8S_VALIDATOR_PYTHON (default /usr/bin/python3, Debian's; another python3 may
# come first on PATH). pip keeps the host's settings (index, certificates, timeouts).
set -uo pipefail
VENV=${GOFER_K8S_VALIDATOR_VENV:-/var/cache/gofer/kubernetes-validate}
PYTHON=${GOFER_K8S_VALIDATOR_PYTHON:-/usr/bin/python3}
# 1.37.0 carries the schemas of Kubernetes 1.25.0 to 1.37.0; the tests check 1.28.0 and 1.37.0.
PIN=kubernetes-validate==1.37.0
say() { printf '\033[1m[gofer]\033[0m %s\n' "$*" >&2; }

[ -x "$PYTHON" ] || { say "warning: no Python at $PYTHON; the Kubernetes schema tests will skip"; exit 1; }
# The stamp names what the venv was built from: the pin and the exact interpreter.
stamp="$PIN $("$PYTHON" -c 'import sys; print(sys.version.split()[0])')"
ready() {
  [ "$(cat "$VENV/.gofer-stamp" 2>/dev/null)" = "$stamp" ] && [ -x "$VENV/bin/kubernetes-validate" ]
}
if ready; then
  exit 0
fi

mkdir -p "$(dirname "$VENV")"
# One installer at a time (setup and a test run may start together); the second finds it ready.
exec 9>"$VENV.lock"
flock -w 600 9 || { say "warning: another process has been installing $VENV for 10 minutes"; exit 1; }
if ready; then
  exit 0
fi
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  say "installing python3-venv"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null; }
fi

say "installing $PIN into $VENV (needs the Python package index)"
log="$VENV.log"
rm -rf "$VENV"
if ! { "$PYTHON" -m venv "$VENV" \
    && "$VENV/bin/python" -m pip install -q --no-input --retries 2 "$PIN"; } >"$log" 2>&1; then
  tail -5 "$log" >&2
  rm -rf "$VENV"
  say "warning: kubernetes-validate could not be installed (see $log); the Kubernetes schema tests will skip"
  exit 1
fi
echo "$stamp" >"$VENV/.gofer-stamp"
say "kubernetes-validate installed in $VENV"
