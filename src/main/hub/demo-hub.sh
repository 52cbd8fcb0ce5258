#!/usr/bin/env bash
# A local JupyterHub on 127.0.0.1 with Gofer registered as a managed service, demo users, and
# notebook servers that have the Submit button. For trying Gofer out, not for real courses.
#
#   demo-hub.sh start     start in the background; return once Gofer answers through the hub
#   demo-hub.sh run       start, then wait in the foreground; Ctrl-C stops everything
#   demo-hub.sh stop      stop the hub and everything it started (by recorded PID)
#   demo-hub.sh status    say whether it runs
#
# Environment (all optional):
#   GOFER_JAR                 the service jar (default: target/gofer.jar of this checkout; must exist)
#   GOFER_DEMO_DIR            state: hub database, logs, PIDs, gradebook, users' homes
#                             (default /var/lib/gofer/demo-hub as root, else ~/.gofer/demo-hub)
#   GOFER_HUB_PORT            the hub's public port on 127.0.0.1 (default 8000); the hub's own API
#                             and the proxy API use the next two ports, Gofer GOFER_SERVICE_PORT (10101)
#   GOFER_HUB_PASSWORD        the demo users' password (default: random, kept in GOFER_DEMO_DIR)
#   GOFER_TESTS_DIR           assignments (default: notebooks-tests of this checkout)
#   GOFER_HUB_START_TIMEOUT   seconds to wait for the hub and Gofer (default 120)
#   GOFER_DEMO_STACK          current (JupyterHub 5 + JupyterLab 4 + Notebook 7 from the venv of
#                             current-stack.sh), debian (Debian's JupyterHub 3.0 + Notebook 6), or
#                             auto (default): current when current-stack.sh has installed it
#   GOFER_HUB5_VENV, GOFER_CHP_PREFIX  where current-stack.sh installed it
#   GOFER_IMAGE, GOFER_WORKERS, ... any other GOFER_* variable reaches the service.
set -euo pipefail

HUB_SRC=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HUB_SRC/../../.." && pwd)
NBEXT_SRC="$ROOT/src/main/nbextension/gofer_submit"
if [ "$(id -u)" = 0 ]; then default_dir=/var/lib/gofer/demo-hub; else default_dir="$HOME/.gofer/demo-hub"; fi
STATE=${GOFER_DEMO_DIR:-$default_dir}
PORT=${GOFER_HUB_PORT:-8000}
SERVICE_PORT=${GOFER_SERVICE_PORT:-10101}
TIMEOUT=${GOFER_HUB_START_TIMEOUT:-120}
INSTRUCTORS=instructor
STUDENTS=student1,student2
VENV=${GOFER_HUB5_VENV:-/var/cache/gofer/hub5-venv}
CHP=${GOFER_CHP_PREFIX:-/var/cache/gofer/chp}

say() { printf '\033[1m[demo-hub]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# curl that never uses a proxy from the environment (only loopback is ever contacted).
get_status() { curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 5 "$1" || true; }

hub_pid() { [ -f "$STATE/hub.pid" ] && cat "$STATE/hub.pid" || true; }

# Children of the hub (proxy, Gofer, notebook servers): started in new sessions, so they survive
# the hub if it dies; they are recorded here so that `stop` signals exactly them.
record_children() {
  local hub=$1
  { ps -o pid= --ppid "$hub" 2>/dev/null | tr -d ' '; [ -f "$STATE/jupyterhub-proxy.pid" ] && cat "$STATE/jupyterhub-proxy.pid"; } \
    | sort -u | grep -E '^[0-9]+$' >>"$STATE/children.pids" || true
  sort -u -o "$STATE/children.pids" "$STATE/children.pids"
}

stop() {
  local hub; hub=$(hub_pid)
  touch "$STATE/children.pids" 2>/dev/null || return 0
  if alive "$hub"; then
    record_children "$hub"
    say "stopping the hub (pid $hub)"
    kill -TERM "$hub" 2>/dev/null || true
    # The hub stops Gofer (SIGINT, then SIGTERM after 10 s) and the notebook servers itself.
    for _ in $(seq 1 40); do alive "$hub" || break; sleep 0.5; done
    alive "$hub" && kill -KILL "$hub" 2>/dev/null || true
  fi
  local left=()
  while read -r pid; do alive "$pid" && left+=("$pid"); done <"$STATE/children.pids"
  if [ ${#left[@]} -gt 0 ]; then
    say "stopping what the hub left running: ${left[*]}"
    kill -TERM "${left[@]}" 2>/dev/null || true
    for _ in $(seq 1 20); do
      local still=(); for pid in "${left[@]}"; do alive "$pid" && still+=("$pid"); done
      [ ${#still[@]} -eq 0 ] && break; sleep 0.5
    done
    for pid in "${left[@]}"; do alive "$pid" && kill -KILL "$pid" 2>/dev/null || true; done
  fi
  rm -f "$STATE/hub.pid" "$STATE/children.pids"
}

secret() { # a value kept across restarts, so that cookies and the service token stay valid
  local file="$STATE/$1"
  [ -s "$file" ] || (umask 077; od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$file")
  cat "$file"
}

prepare() {
  mkdir -p "$STATE/home" "$STATE/data" "$STATE/jupyter-data/nbextensions" "$STATE/jupyter-config/nbconfig"
  chmod 700 "$STATE"
  # The Submit button for every notebook server the hub starts (JUPYTER_PATH / JUPYTER_CONFIG_PATH).
  rm -rf "$STATE/jupyter-data/nbextensions/gofer_submit"
  cp -r "$NBEXT_SRC" "$STATE/jupyter-data/nbextensions/gofer_submit"
  printf '{"load_extensions": {"gofer_submit/main": true}}\n' >"$STATE/jupyter-config/nbconfig/notebook.json"
  # JupyterLab 4 / Notebook 7 (their Submit button is the wheel in the venv): no news toast.
  mkdir -p "$STATE/jupyter-config/labconfig"
  printf '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}\n' \
    >"$STATE/jupyter-config/labconfig/page_config.json"
  # The demo course in each user's home: one folder per assignment with its notebook (a starter,
  # else an example) and support files; tests stay with Gofer. A student's own copy is kept.
  local tests=${GOFER_TESTS_DIR:-$ROOT/notebooks-tests} user nb assignment dest f
  for user in ${INSTRUCTORS//,/ } ${STUDENTS//,/ }; do
    for assignment in "$tests"/*/*/*/; do
      [ -d "$assignment" ] || continue
      nb=$(find "$assignment" -maxdepth 1 -name '*.ipynb' ! -name 'solution*' | sort | head -1)
      [ -n "$nb" ] || nb=$(find "$assignment" -maxdepth 2 -path '*/examples/*.ipynb' ! -name 'solution*' | sort | head -1)
      [ -n "$nb" ] || continue
      dest="$STATE/home/$user/$(basename "$assignment")"
      mkdir -p "$dest"
      [ -e "$dest/$(basename "$assignment").ipynb" ] || cp "$nb" "$dest/$(basename "$assignment").ipynb"
      for f in "$assignment"*; do
        case "$(basename "$f")" in assignment.json|scores.csv|*.ipynb|README*) continue ;; esac
        if [ -f "$f" ] && [ ! -e "$dest/$(basename "$f")" ]; then cp "$f" "$dest/"; fi
      done
    done
  done
}

# Which hub to run: sets HUB_BIN, PROXY_CMD, HUB_PATH and STACK_NAME.
choose_stack() {
  local want=${GOFER_DEMO_STACK:-auto}
  if [ "$want" != debian ] && GOFER_HUB5_VENV="$VENV" GOFER_CHP_PREFIX="$CHP" "$HUB_SRC/current-stack.sh" check; then
    HUB_BIN="$VENV/bin/jupyterhub" PROXY_CMD="$CHP/node_modules/.bin/configurable-http-proxy"
    HUB_PATH="$VENV/bin:/usr/bin:/bin:/usr/sbin:/sbin"
    STACK_NAME="JupyterHub $("$HUB_BIN" --version) with JupyterLab 4 and Notebook 7 (from $VENV)"
    return 0
  fi
  [ "$want" = current ] && die "the JupyterHub 5 stack is not installed: run $HUB_SRC/current-stack.sh install && $HUB_SRC/current-stack.sh extension"
  [ -x /usr/bin/jupyterhub ] || die "JupyterHub is not installed (apt-get install jupyterhub jupyter-notebook, or $HUB_SRC/current-stack.sh install)"
  HUB_BIN=/usr/bin/jupyterhub PROXY_CMD=/usr/bin/configurable-http-proxy HUB_PATH=/usr/bin:/bin:/usr/sbin:/sbin
  STACK_NAME="Debian's JupyterHub $(/usr/bin/jupyterhub --version) with the classic Notebook 6"
}

start() {
  choose_stack
  local jar=${GOFER_JAR:-$ROOT/target/gofer.jar}
  [ -f "$jar" ] || die "$jar is missing: build it first (mvn -B -q -DskipTests package)"
  mkdir -p "$STATE"
  if alive "$(hub_pid)"; then die "a demo hub already runs (pid $(hub_pid)); run '$0 stop' first"; fi
  stop
  prepare
  local password=${GOFER_HUB_PASSWORD:-$(secret demo-password | cut -c1-12)}
  say "starting $STACK_NAME on http://127.0.0.1:$PORT/ (log: $STATE/hub.log)"
  (
    cd "$STATE"
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
    export PATH="$HUB_PATH" NODE_PATH=/usr/share/nodejs GOFER_PROXY_CMD="$PROXY_CMD"
    export GOFER_HUB_STATE="$STATE" GOFER_HUB_PORT="$PORT" GOFER_HUB_API_PORT=$((PORT + 1)) \
      GOFER_PROXY_API_PORT=$((PORT + 2)) GOFER_HUB_PASSWORD="$password" \
      GOFER_SERVICE_URL="http://127.0.0.1:$SERVICE_PORT" GOFER_SERVICE_TOKEN="$(secret service-token)" \
      GOFER_JAR="$jar" GOFER_INSTRUCTORS="$INSTRUCTORS" GOFER_STUDENTS="$STUDENTS" \
      GOFER_NB_DATA_DIR="$STATE/jupyter-data" GOFER_NB_CONFIG_DIR="$STATE/jupyter-config" \
      GOFER_DB="${GOFER_DB:-$STATE/gradebook.db}" GOFER_DATA_DIR="${GOFER_DATA_DIR:-$STATE/data}" \
      GOFER_TESTS_DIR="${GOFER_TESTS_DIR:-$ROOT/notebooks-tests}" GOFER_DEPLOYMENT="${GOFER_DEPLOYMENT:-demo-hub}"
    exec setsid "$HUB_BIN" -f "$HUB_SRC/demo_jupyterhub_config.py" </dev/null >"$STATE/hub.log" 2>&1
  ) &
  local hub=$!
  echo "$hub" >"$STATE/hub.pid"
  : >"$STATE/children.pids"
  local url="http://127.0.0.1:$PORT/services/gofer/health" code=""
  for _ in $(seq 1 $((TIMEOUT * 2))); do
    alive "$hub" || { tail -20 "$STATE/hub.log" >&2; die "the hub exited; see $STATE/hub.log"; }
    record_children "$hub"
    code=$(get_status "$url")
    [ "$code" = 200 ] && break
    sleep 0.5
  done
  if [ "$code" != 200 ]; then
    tail -20 "$STATE/hub.log" >&2
    stop
    die "Gofer did not answer through the hub within ${TIMEOUT}s (last status ${code:-none}); see $STATE/hub.log"
  fi
  record_children "$hub"
  cat >&2 <<EOF

  $STACK_NAME, with Gofer:
                          http://127.0.0.1:$PORT/
    students:             student1, student2    password: $password
    instructor:           instructor            password: $password
  Open a notebook in your home folder and click "Submit" in its toolbar
  (JupyterLab: /user/NAME/lab, Notebook 7: /user/NAME/tree, classic: /user/NAME/tree).
  Gofer's API:            http://127.0.0.1:$PORT/services/gofer/  (gradebook: api/gradebook.csv, instructor only)
  State and logs:         $STATE   (hub.log; Gofer logs inside it)
  Stop:                   $0 stop

EOF
}

case "${1:-}" in
  start) start ;;
  run)
    start
    trap 'stop; exit 0' INT TERM
    while alive "$(hub_pid)"; do sleep 2; record_children "$(hub_pid)"; done
    stop
    ;;
  stop) [ -d "$STATE" ] && stop; say "stopped" ;;
  status)
    if alive "$(hub_pid)"; then say "running (hub pid $(hub_pid)) at http://127.0.0.1:$PORT/"; else say "not running"; exit 1; fi
    ;;
  *) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
