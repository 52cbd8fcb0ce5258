"""Process control for PID 1: reaping, freezing and killing everything but the runner."""
import ctypes
import os
import signal
import time

PR_SET_DUMPABLE = 4


def make_non_dumpable():
    """No ptrace, and /proc/1/{mem,environ,fd,...} become root's: out of the runner's reach."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


def reset_signals():
    """As PID 1 without handlers, no process in the container can signal the supervisor."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def reap(on_exit=None):
    """Collects every exited child (PID 1 inherits orphans); calls on_exit(pid, status)."""
    for _ in range(100000):
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if on_exit is not None:
            on_exit(pid, status)


def other_pids(keep):
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            pid = int(entry)
            if pid != os.getpid() and pid not in keep and not _is_zombie(pid):
                pids.append(pid)
    return pids


def _is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return True
    return stat[stat.rfind(b")") + 2:][:1] in (b"Z", b"X")


def kill_all_but(keep, on_exit=None):
    """Stops every process (so none can fork), kills all not in `keep`, resumes `keep`.

    kill(-1, SIGSTOP) reaches every process the supervisor may signal except itself; a
    process in the middle of fork() is restarted after the stop, so no child slips through.
    """
    try:
        os.kill(-1, signal.SIGSTOP)
    except ProcessLookupError:
        return 0
    killed = 0
    for _ in range(50):
        pids = other_pids(keep)
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.01)
        reap(on_exit)
    for pid in keep:
        try:
            os.kill(pid, signal.SIGCONT)
        except ProcessLookupError:
            pass
    return killed


def kill_everything(on_exit=None):
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and other_pids(()):
        reap(on_exit)
        time.sleep(0.01)
    reap(on_exit)


def describe_status(status):
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        return f"killed by {name}"
    if os.WIFEXITED(status):
        return f"exited with status {os.WEXITSTATUS(status)}"
    return f"ended (status {status})"
