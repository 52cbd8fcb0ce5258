#!/usr/bin/env bash
# The current JupyterHub stack (JupyterHub 5, JupyterLab 4, Notebook 7) beside Debian's
# JupyterHub 3.0, for the demo and the integration tests: a Python venv and
# configurable-http-proxy in an npm prefix, both under /var/cache/gofer. Nothing is installed
# globally, so Debian's /usr/bin/jupyterhub keeps working.
#
#   current-stack.sh install     create or update the venv and the proxy (idempotent: a stamp
#                                file records the pinned versions; a second run does nothing)
#   current-stack.sh extension   build Gofer's Submit button for JupyterLab 4 / Notebook 7 as a
#                                wheel (target/labextension/*.whl) and install it into the venv
#   current-stack.sh check       exit 0 when both are installed as pinned
#   current-stack.sh env         print the paths as shell variables (for demo-hub.sh)
#
# Environment:
#   GOFER_HUB5_VENV     the venv (default /var/cache/gofer/hub5-venv)
#   GOFER_CHP_PREFIX    npm prefix for configurable-http-proxy (default /var/cache/gofer/chp)
#   GOFER_HUB5_PYTHON   interpreter for the venv (default /usr/bin/python3, Debian's)
set -euo pipefail

HUB_SRC=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HUB_SRC/../../.." && pwd)
VENV=${GOFER_HUB5_VENV:-/var/cache/gofer/hub5-venv}
CHP=${GOFER_CHP_PREFIX:-/var/cache/gofer/chp}
PYTHON=${GOFER_HUB5_PYTHON:-/usr/bin/python3}
LABEXT="$ROOT/src/main/labextension"

# Pinned together: JupyterLab 4.5 is the line the extension's @jupyterlab/* packages (and
# @jupyterlab/builder on npm) are from; Notebook 7.5 runs on JupyterLab 4.5; ipykernel gives the
# notebook servers a Python kernel. The proxy stays on
# 4.6: 5.x needs Node 20, Debian 12 has Node 18.
PY_PINS=(jupyterhub==5.5.4 jupyterlab==4.5.11 notebook==7.5.8 ipykernel==7.4.0)
CHP_PIN=configurable-http-proxy@4.6.3
STAMP="${PY_PINS[*]} $CHP_PIN"

say() { printf '\033[1m[current-stack]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

installed() {
  [ -x "$VENV/bin/jupyterhub" ] && [ -x "$CHP/node_modules/.bin/configurable-http-proxy" ] \
    && [ "$(cat "$VENV/.gofer-stack" 2>/dev/null)" = "$STAMP" ]
}

install() {
  if installed; then return 0; fi
  # Debian's npm and python3-venv, only when missing (a Node from elsewhere brings its own npm).
  local missing=()
  command -v npm >/dev/null || missing+=(npm)
  "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
  fi
  command -v npm >/dev/null || die "npm is missing (apt-get install npm)"
  "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || die "$PYTHON cannot make a venv (apt-get install python3-venv)"
  say "installing ${PY_PINS[*]} into $VENV and $CHP_PIN into $CHP"
  mkdir -p "$(dirname "$VENV")" "$CHP"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "${PY_PINS[@]}"
  npm install --prefix "$CHP" --no-audit --no-fund --loglevel=error "$CHP_PIN" >/dev/null
  "$VENV/bin/jupyterhub" --version >/dev/null
  "$CHP/node_modules/.bin/configurable-http-proxy" --version >/dev/null
  printf '%s' "$STAMP" >"$VENV/.gofer-stack"
  say "JupyterHub $("$VENV/bin/jupyterhub" --version) ready in $VENV"
}

# The prebuilt (federated) extension, packaged as a wheel: users `pip install` it and need no Node.
extension() {
  install
  local wheel_dir="$ROOT/target/labextension" newest
  newest=$(find "$LABEXT/src" "$LABEXT/style" "$LABEXT/package.json" "$LABEXT/pyproject.toml" \
    "$LABEXT/gofer_submit_labextension/__init__.py" -newer "$VENV/.gofer-labextension" 2>/dev/null | head -1 || true)
  if [ -f "$VENV/.gofer-labextension" ] && [ -z "$newest" ] && ls "$wheel_dir"/*.whl >/dev/null 2>&1; then
    return 0
  fi
  say "building the JupyterLab 4 / Notebook 7 Submit button (wheel in $wheel_dir)"
  (
    cd "$LABEXT"
    npm install --no-audit --no-fund --loglevel=error >/dev/null
    rm -rf lib tsconfig.tsbuildinfo gofer_submit_labextension/labextension
    npm run -s build
    PATH="$VENV/bin:$PATH" "$VENV/bin/jupyter" labextension build . >/dev/null
    rm -rf "$wheel_dir" && mkdir -p "$wheel_dir"
    "$VENV/bin/python" -m pip wheel -q --disable-pip-version-check --no-deps -w "$wheel_dir" .
  )
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel_dir"/*.whl
  "$VENV/bin/jupyter" labextension list 2>&1 | grep -q 'gofer-submit-labextension.*enabled' \
    || die "the extension is not listed as enabled by 'jupyter labextension list'"
  touch "$VENV/.gofer-labextension"
}

case "${1:-}" in
  install) install ;;
  extension) extension ;;
  check) installed && [ -f "$VENV/.gofer-labextension" ] ;;
  env) printf 'GOFER_HUB5_VENV=%q\nGOFER_CHP_PREFIX=%q\n' "$VENV" "$CHP" ;;
  *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
