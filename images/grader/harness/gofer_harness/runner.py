"""The runner: executes the student's notebook and, later, test examples. UNTRUSTED.

Forked by the supervisor before the job was read, so it never held the secret or the tests.
Once the first cell ran, anything in this process may have been changed by the student's code:
the supervisor checks what it says (canaries, probes) instead of believing it.
"""
import __future__
import io
import os
import re
import resource
import select
import signal
import sys
import traceback

from . import artist_docs, protocol

SHIMS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "shims")
MAX_ANSWER = 256 * 1024
DATA_SHARE = 0.75
# What ipykernel sets MPLBACKEND to: figures are shown (and closed) at the end of each cell.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def _memory_limit():
    """The container's memory limit in bytes (cgroup v2 or v1), None when unlimited."""
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path) as f:
                text = f.read().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < (1 << 50):
            return int(text)
        return None
    return None


def _memory_in_use():
    """This process's virtual data segment (VmData) and resident size (VmRSS) in bytes."""
    found = {"VmData:": 0, "VmRSS:": 0}
    try:
        with open("/proc/self/status") as f:
            for line in f:
                key = line.split(":", 1)[0] + ":"
                if key in found:
                    found[key] = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return found["VmData:"], found["VmRSS:"]


class _State:
    in_user_code = False


def _on_interrupt(signum, frame):
    # The supervisor's soft time limit. Outside student code it is ignored, so a late
    # interrupt cannot break the runner's own loop.
    if _State.in_user_code:
        raise KeyboardInterrupt("time limit reached")


def prepare_process(stdout_fd, stderr_fd, keep_fds):
    """First thing in the child: stdin from /dev/null, output to the pipes, nothing else open."""
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(stdout_fd, 1)
    os.dup2(stderr_fd, 2)
    keep = sorted(set(keep_fds) | {0, 1, 2})
    low = 0
    for fd in keep:
        if fd > low:  # closerange(n, n) closes everything on some Pythons (close_range(n, -1))
            os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 65536)
    signal.signal(signal.SIGINT, _on_interrupt)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def _make_shell():
    from traitlets.config import Config
    from .shell import GradingShell  # imports IPython: in the runner only, never the supervisor
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "NoColor"
    config.InteractiveShell.xmode = "Plain"
    # Figures are "displayed" as a Jupyter kernel does (shown and closed after each cell), but
    # never rendered to images: nothing looks at them, and rendering costs time per figure.
    config.InlineBackend.figure_formats = set()
    return GradingShell.instance(config=config)


# Imported while the container waits for its job, most used first, each after the container has
# waited idle for that many seconds more. Once a job is waiting the rest are skipped: with a full
# queue a container is taken within a grading's time, its notebook imports what it needs itself,
# and pandas' half second of CPU is not spent on the many notebooks that never use it (nor taken
# from the gradings running beside it). A container that waits, as it does for a submission that
# arrives alone, has both imported by then.
WARM_IMPORTS = (("numpy", 0.0), ("pandas", 1.0))
# The service may name another set for a container it pre-starts, as "name[:idle seconds],...":
# while every grading worker is busy it asks for numpy alone, since the container will wait behind
# running gradings and pandas would take their CPU for notebooks that may never import it.
WARM_IMPORTS_VARIABLE = "GOFER_WARM_IMPORTS"
_MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


def warm_imports(environ=os.environ):
    """The warm imports the service asked for, or WARM_IMPORTS; unreadable entries are left out."""
    spec = environ.get(WARM_IMPORTS_VARIABLE)
    if spec is None:
        return WARM_IMPORTS
    imports = []
    for entry in spec.split(","):
        name, _, idle = entry.strip().partition(":")
        try:
            idle_s = float(idle) if idle else 0.0
        except ValueError:
            continue
        if _MODULE_NAME.fullmatch(name) and 0.0 <= idle_s <= 60.0:
            imports.append((name, idle_s))
    return tuple(imports)


def _preimport(control_in, imports):
    """Imports each (name, idle seconds first) in order until a message waits on `control_in`;
    returns the names imported."""
    done = []
    for name, idle_first in imports:
        if _waiting(control_in, idle_first):
            break
        try:
            __import__(name)
            done.append(name)
        except Exception:
            pass
    return done


def _waiting(fd, timeout=0.0):
    """Whether a message is waiting on `fd`, watching for one up to `timeout` seconds."""
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    except (OSError, ValueError):
        return False


def main(control_in, control_out, stdout_fd, stderr_fd):
    """Runs in the forked child; never returns."""
    try:
        prepare_process(stdout_fd, stderr_fd, [control_in, control_out])
        sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", buffering=0), write_through=True)
        sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", buffering=0), write_through=True)
        os.environ["MPLBACKEND"] = INLINE_BACKEND
        artist_docs.install()  # before anything imports matplotlib
        _preimport(control_in, warm_imports())
        shell = _make_shell()
        _serve(shell, control_in, control_out)
    except BaseException:
        try:
            traceback.print_exc()
        finally:
            os._exit(70)
    os._exit(0)


def _serve(shell, control_in, control_out, _evaluate=None, _run_cell=None, _read=None, _write=None,
           _getpid=os.getpid, _exit=os._exit):
    # The functions are bound here, before any student code runs, so that replacing the
    # module's attributes from a notebook does not change what answers the supervisor.
    # (Deeper tampering is what the supervisor's canaries are for.)
    _evaluate = _evaluate or evaluate
    _run_cell = _run_cell or run_cell
    _read = _read or protocol.read_frame_blocking
    _write = _write or protocol.write_frame
    reader = protocol.FrameReader()
    me = _getpid()
    _write(control_out, {"op": "ready", "pid": me})
    seed = None
    scope, scope_ns = None, None
    while True:
        message = _read(control_in, reader)
        if message is None or message.get("op") == "exit":
            return
        op = message.get("op")
        if op == "start":
            seed = _start(shell, message)
            _write(control_out, {"op": "started"})
        elif op == "cell":
            error = _run_cell(shell, message.get("source", ""), seed)
            if _getpid() != me:
                _exit(0)  # a process the notebook forked came back here: it must not answer
            _write(control_out, {"op": "cell_done", "id": message.get("id"), "error": error})
        elif op == "eval":
            # doctest runs each test case in a copy of the notebook's globals (DocTest copies
            # globs): names a case binds do not reach the notebook or the other cases.
            if message.get("scope") != scope or scope_ns is None:
                scope, scope_ns = message.get("scope"), dict(shell.user_ns)
            out, exc = _evaluate(scope_ns, message.get("source", ""))
            if _getpid() != me:
                _exit(0)
            _write(control_out, {"op": "answer", "id": message.get("id"), "out": out, "exc": exc})


def _start(shell, message):
    limits = message.get("limits", {})
    file_size = int(limits.get("file_size_bytes", 100 * 1024 * 1024))
    open_files = int(limits.get("open_files", 256))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))
    memory = _memory_limit()
    if memory:
        # A MemoryError in the cell, rather than the kernel killing the runner (and all its
        # answers) once the container's memory is full. RLIMIT_DATA counts virtual data, of which
        # the warm imports (numpy, pandas, IPython) already map ~200 MB that is mostly not
        # resident: so the limit is what is mapped now plus what may still become resident for the
        # runner to use DATA_SHARE of the memory limit; the rest is for tmpfs and the supervisor.
        data_now, resident_now = _memory_in_use()
        data = data_now + max(64 << 20, int(memory * DATA_SHARE) - resident_now)
        resource.setrlimit(resource.RLIMIT_DATA, (data, data))
    workdir = message["workdir"]
    os.chdir(workdir)
    sys.path[:0] = [SHIMS_DIR, workdir]
    shell.user_ns["__name__"] = "__main__"
    shell.user_ns["__file__"] = os.path.join(workdir, message.get("notebook", "submission.ipynb"))
    seed, variable = message.get("seed"), message.get("seed_variable")
    return (seed, variable) if seed is not None and variable else seed


def _seed(shell, seed):
    if seed is None:
        return
    if isinstance(seed, tuple):  # otter's seed_variable: the variable holds the seed, nothing is seeded
        shell.user_ns[seed[1]] = seed[0]
        return
    import random
    random.seed(seed)
    # Imported here when the warm imports did not get to it: otter seeds numpy before every cell
    # whether or not the notebook has imported it yet, and a notebook that imports it later must
    # see the same seeded stream.
    numpy = sys.modules.get("numpy")
    if numpy is None:
        try:
            import numpy
        except Exception:
            numpy = None
    if numpy is not None:
        numpy.random.seed(seed)


def run_cell(shell, source, seed):
    """Runs one cell with IPython; returns {ename, evalue} when it raised, else None."""
    _seed(shell, seed)
    _State.in_user_code = True
    try:
        result = shell.run_cell(source, store_history=True)
    except BaseException as e:  # run_cell catches almost everything; be sure
        _State.in_user_code = False
        return {"ename": type(e).__name__, "evalue": str(e)[:2000]}
    finally:
        _State.in_user_code = False
    error = result.error_before_exec or result.error_in_exec
    if error is None:
        return None
    return {"ename": type(error).__name__, "evalue": str(error)[:2000]}


def _future_flags(namespace):
    flags = 0
    for name in __future__.all_feature_names:
        feature = namespace.get(name)
        if feature is getattr(__future__, name):
            flags |= feature.compiler_flag
    return flags


def evaluate(namespace, source, _compile=compile, _exec=exec, _hook=sys.__displayhook__,
             _format=traceback.format_exception_only, _StringIO=io.StringIO, _sys=sys,
             _settrace=sys.settrace, _setprofile=sys.setprofile):
    """One doctest example with doctest's semantics: 'single' mode, stdout captured.

    Returns (printed text, exception line or None), the exception line being what doctest
    compares: traceback.format_exception_only(...)[-1].
    """
    _settrace(None)  # a notebook's trace or profile hook could rewrite the test's frames
    _setprofile(None)
    captured = _StringIO()
    saved_stdout, saved_hook = _sys.stdout, _sys.displayhook
    exc = None
    _sys.stdout = captured
    _sys.displayhook = _hook
    _State.in_user_code = True
    try:
        code = _compile(source, "<doctest>", "single", _future_flags(namespace), True)
        _exec(code, namespace)
    except BaseException as e:
        exc = _format(type(e), e)[-1]
    finally:
        _State.in_user_code = False
        _sys.stdout, _sys.displayhook = saved_stdout, saved_hook
    out = captured.getvalue()
    if len(out) > MAX_ANSWER:
        out = out[:MAX_ANSWER]
    if exc is not None and len(exc) > MAX_ANSWER:
        exc = exc[:MAX_ANSWER]
    return out, exc
