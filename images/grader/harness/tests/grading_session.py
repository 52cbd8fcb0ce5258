"""Test helper: grade cells against OK-format sources with the real, forked runner.

Runs phases 1 and 2 and the scoring as grading.Grading does, without its PID-1 duties (sweeping
and kill(-1) would reach the test process itself; tools/check_fixtures.py covers those).
"""
import os
import tempfile
import time

from gofer_harness import canary, grading, okformat, scoring
from gofer_harness.link import RunnerLink
from gofer_harness.notebook_phase import NotebookPhase
from gofer_harness.output import OutputCapture
from gofer_harness.test_phase import TestPhase

LIMITS = {"cell_timeout_s": 20, "notebook_timeout_s": 90, "test_timeout_s": 20, "output_bytes": 100000,
          "file_size_bytes": 10 << 20, "open_files": 128}


class Graded:
    def __init__(self, entries, phase1, phase2, link):
        self.entries = {e["name"]: e for e in entries}
        self.phase1 = phase1
        self.phase2 = phase2
        self.link = link

    def scores(self):
        return {name: [e["score"], e["max_score"]] for name, e in self.entries.items()}


def grade(cells, tests, mode="otter", files=None):
    """cells: code cell sources; tests: {path: source}; files: {name: bytes} beside the notebook."""
    pid, control_w, reply_r, stdout_r, stderr_r = grading.fork_runner()
    link = RunnerLink(pid, control_w, reply_r, stdout_r, stderr_r, OutputCapture(LIMITS["output_bytes"]))
    try:
        workdir = tempfile.mkdtemp()
        for name, content in (files or {}).items():
            with open(os.path.join(workdir, name), "wb") as f:
                f.write(content)
        link.request({"op": "start", "workdir": workdir, "limits": LIMITS, "seed": None},
                     time.monotonic() + 60, lambda f: f.get("op") == "started")
        phase1 = NotebookPhase(link, LIMITS, lambda m: None)
        phase1.run(list(enumerate(cells)))
        test_files = [okformat.load_test_file(path, source, otter_rules=(mode == "otter"))
                      for path, source in tests.items()]
        phase2 = TestPhase(link, LIMITS, canary.CanaryFactory(), lambda m: None,
                           stop_at_failed_case=(mode == "gofer"))
        outcomes = phase2.run(test_files)
        link.drain(0.2)
        entries = [scoring.score_test(t, outcomes.get(t.path), mode, "not run") for t in test_files]
        return Graded(entries, phase1, phase2, link)
    finally:
        link.kill()
