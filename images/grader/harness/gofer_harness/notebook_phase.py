"""Phase 1: the student's code cells, one at a time, under the cell and notebook time limits."""
import itertools
import time

from .link import RunnerGone


def oom_kills():
    """How often the container's memory limit made the kernel kill a process (cgroup v2 or v1)."""
    for path in ("/sys/fs/cgroup/memory.events", "/sys/fs/cgroup/memory/memory.oom_control"):
        try:
            with open(path) as f:
                for line in f:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            continue
    return 0

MAX_ERRORS = 200
_ids = itertools.count(1)


def code_cells(notebook):
    """(index in the notebook, source) of every code cell."""
    cells = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if isinstance(source, str) and source.strip():
            cells.append((index, source))
    return cells


class NotebookPhase:
    """Runs the cells; fills errors, limits_hit and `stopped` (why the notebook did not finish)."""

    def __init__(self, link, limits, log):
        self.link = link
        self.limits = limits
        self.log = log
        self.errors = []
        self.limits_hit = []
        self.stopped = None

    def _hit(self, limit):
        if limit not in self.limits_hit:
            self.limits_hit.append(limit)

    def _error(self, cell, ename, evalue):
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"cell": cell, "ename": str(ename)[:200], "evalue": str(evalue)[:1000]})

    def run(self, cells):
        start = time.monotonic()
        notebook_deadline = start + float(self.limits["notebook_timeout_s"])
        cell_limit = float(self.limits["cell_timeout_s"])
        for position, (index, source) in enumerate(cells):
            now = time.monotonic()
            if now >= notebook_deadline:
                self._hit("notebook_timeout")
                self.stopped = (f"the notebook time limit ({self.limits['notebook_timeout_s']} s) ran out "
                                f"before cell {index}; {len(cells) - position} cells did not run")
                break
            deadline = min(now + cell_limit, notebook_deadline)
            which = "cell_timeout" if now + cell_limit <= notebook_deadline else "notebook_timeout"
            request_id = next(_ids)
            try:
                frame, timed_out = self.link.request(
                    {"op": "cell", "id": request_id, "source": source}, deadline,
                    lambda f, i=request_id: f.get("op") == "cell_done" and f.get("id") == i)
            except RunnerGone as gone:
                self._runner_gone(index, gone.reason, which)
                break
            if timed_out:
                self._hit(which)
                limit_s = cell_limit if which == "cell_timeout" else self.limits["notebook_timeout_s"]
                self._error(index, "TimeoutError", f"cell stopped after the {which.replace('_', ' ')} "
                                                   f"of {limit_s} s")
                continue
            error = frame.get("error")
            if isinstance(error, dict):
                self._error(index, error.get("ename", "Error"), error.get("evalue", ""))
                self._note_limits(error)
        self.log(f"phase 1: {len(cells)} code cells, {len(self.errors)} raised, "
                 f"{time.monotonic() - start:.2f} s")

    def _note_limits(self, error):
        ename, evalue = str(error.get("ename")), str(error.get("evalue"))
        if ename == "MemoryError":
            self._hit("memory")
        elif "[Errno 27]" in evalue:
            self._hit("file_size")
        elif "[Errno 28]" in evalue:
            self._hit("disk")

    def _runner_gone(self, index, reason, which):
        link = self.link
        if link.killed_by_supervisor:
            self._hit(which)
        elif oom_kills() > 0:
            self._hit("memory")
            reason += " (the kernel killed it: out of memory)"
        self._error(index, "RunnerDied", reason)
        self.stopped = f"{reason} while running cell {index}; later cells and the tests could not run"
