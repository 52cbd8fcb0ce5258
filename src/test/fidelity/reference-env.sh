#!/usr/bin/env bash
# Creates (idempotently) the reference environment of the fidelity suite: a Python venv holding the
# real upstream graders, otter-grader 7.0.0 and gofer-grader 1.1.0, and the course packages, pinned
# in reference-requirements.txt beside this script. FidelityIT grades the same notebooks with these
# and with Gofer and compares the scores. Nothing here goes into the service or the grading image.
#
#   src/test/fidelity/reference-env.sh          create or update the venv; print its path
#   src/test/fidelity/reference-env.sh --check  exit 0 when the venv is ready, 1 when not (no install)
#
# Environment: GOFER_REFERENCE_VENV (default /var/cache/gofer/reference-venv),
# GOFER_REFERENCE_PYTHON (default /usr/bin/python3, the host's Python 3.11; another python3 may come
# first on PATH). Needs the Python package index the first time (about 150 MB, a minute); after that
# it does nothing until reference-requirements.txt or the Python changes.
# Exit codes: 0 ready, 1 could not be created (the message says why; FidelityIT then skips).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${GOFER_REFERENCE_VENV:-/var/cache/gofer/reference-venv}"
python="${GOFER_REFERENCE_PYTHON:-/usr/bin/python3}"
requirements="$here/reference-requirements.txt"

say() { echo "reference-env: $*" >&2; }
fail() { say "$*"; exit 1; }

[ -x "$python" ] || fail "no Python at $python (set GOFER_REFERENCE_PYTHON)"
# The stamp names what the venv was built from: the lock file and the exact interpreter.
stamp="$( { sha256sum <"$requirements"; "$python" -c 'import sys; print(sys.version)'; } | sha256sum | cut -c1-16)"

ready() {
    [ "$(cat "$venv/.gofer-reference-stamp" 2>/dev/null)" = "$stamp" ] \
        && "$venv/bin/python" -c 'import otter, gofer.ok, datascience, numpy' >/dev/null 2>&1
}

if [ "${1:-}" = "--check" ]; then
    ready
    exit $?
fi

mkdir -p "$(dirname "$venv")" || fail "cannot create $(dirname "$venv")"
# One builder at a time (two test runs may start together); the second waits, then finds it ready.
exec 9>"$venv.lock"
flock -w 900 9 || fail "another process has been building $venv for 15 minutes"

if ready; then
    echo "$venv"
    exit 0
fi

if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing python3-venv"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null; } \
            || fail "could not install python3-venv"
    else
        fail "$python has no venv module (install python3-venv)"
    fi
fi

say "creating $venv from $(basename "$requirements") (needs the Python package index)"
rm -rf "$venv"
"$python" -m venv "$venv" || fail "python -m venv $venv failed"
pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input --timeout 60 --retries 2)
if ! "${pip[@]}" install -q -r "$requirements" >"$venv.log" 2>&1; then
    tail -5 "$venv.log" >&2
    rm -rf "$venv"
    fail "pip install failed (is the Python package index reachable?); log: $venv.log"
fi
# `otter assign` and `otter run` start the notebook's kernel ("python3") through Jupyter's kernel
# specs. Register this venv's interpreter under that name inside the venv, so that a system-wide
# python3 kernel (Debian's python3-ipykernel, with Debian's numpy 1) is never the one that runs.
"$venv/bin/python" -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" >/dev/null \
    || fail "could not register the venv's kernel"
"$venv/bin/python" -c 'import otter, gofer.ok, datascience, numpy, pandas, matplotlib, scipy, tqdm' \
    || fail "the venv was installed but its packages do not import"
echo "$stamp" >"$venv/.gofer-reference-stamp"
say "ready: $("$venv/bin/python" -c 'import otter, numpy, pandas; print("otter-grader", otter.__version__, "numpy", numpy.__version__, "pandas", pandas.__version__)')"
echo "$venv"
