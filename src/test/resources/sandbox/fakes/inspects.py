"""Reports, signed, what the container looks like from inside: the service's hardening, checked."""
import errno
import os
import resource
import stat
import fakelib

job = fakelib.read_job()


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError as e:
        return "unreadable: %s" % e


def status_field(name):
    for line in read("/proc/self/status").splitlines():
        if line.startswith(name + ":"):
            return line.split(":", 1)[1].strip()
    return None


def root_is_read_only():
    try:
        with open("/gofer-probe", "w"):
            return False
    except OSError as e:
        return e.errno == errno.EROFS


def writable(directory):
    path = os.path.join(directory, "probe")
    with open(path, "w") as f:
        f.write("ok")
    os.remove(path)
    return True


home = os.stat("/home/gofer")
checks = {
    "pid": os.getpid(),
    "uid": os.getuid(),
    "gid": os.getgid(),
    "interfaces": sorted(os.listdir("/sys/class/net")),
    "root_read_only": root_is_read_only(),
    "tmp_writable": writable("/tmp"),
    "home_writable": writable("/home/gofer"),
    "home_mode": oct(stat.S_IMODE(home.st_mode)),
    "home_owner": home.st_uid,
    "tmp_mode": oct(stat.S_IMODE(os.stat("/tmp").st_mode)),
    "cap_eff": status_field("CapEff"),
    "no_new_privs": status_field("NoNewPrivs"),
    "nofile": list(resource.getrlimit(resource.RLIMIT_NOFILE)),
    "pids_max": read("/sys/fs/cgroup/pids/pids.max") if os.path.exists("/sys/fs/cgroup/pids")
    else read("/sys/fs/cgroup/pids.max"),
    "memory_limit": read("/sys/fs/cgroup/memory/memory.limit_in_bytes")
    if os.path.exists("/sys/fs/cgroup/memory") else read("/sys/fs/cgroup/memory.max"),
    "secret_in_environment": any(job["secret"] in v for v in os.environ.values()),
    "home_env": os.environ.get("HOME"),
}
fakelib.report(job["secret"], fakelib.graded(1.0, 1.0, checks=checks))
