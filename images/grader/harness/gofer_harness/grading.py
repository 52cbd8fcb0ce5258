"""The supervisor's whole run: fork the runner, read the job, phase 1, phase 2, result line."""
import json
import os
import sys
import time

from . import canary, job as jobs, okformat, processes, report, runner, scoring, workspace
from .link import RunnerGone, RunnerLink
from .notebook_phase import NotebookPhase, code_cells
from .output import OutputCapture
from .test_phase import TestPhase

WORKDIR = os.path.join(os.environ.get("HOME") or "/home/gofer", "work")
START_TIMEOUT_S = 120.0


def log(message):
    try:
        os.write(2, f"gofer: {message}\n".encode("utf-8", "replace"))
    except OSError:
        pass


def fork_runner():
    """Forks the runner before anything secret is read; returns the supervisor's pipe ends."""
    control_r, control_w = os.pipe()
    reply_r, reply_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        for fd in (control_w, reply_r, stdout_r, stderr_r):
            os.close(fd)
        runner.main(control_r, reply_w, stdout_w, stderr_w)
        os._exit(70)
    for fd in (control_r, reply_w, stdout_w, stderr_w):
        os.close(fd)
    return pid, control_w, reply_r, stdout_r, stderr_r


def main():
    processes.reset_signals()
    workspace.seed_home_caches(os.environ.get("HOME"))
    pid, control_w, reply_r, stdout_r, stderr_r = fork_runner()
    processes.make_non_dumpable()
    started = time.monotonic()
    secret = None
    try:
        line = jobs.read_job_line()
        secret = _secret_of(line)
        job = jobs.parse_job(line)
    except jobs.JobError as e:
        log(f"bad job: {e}")
        processes.kill_everything()
        if secret is None:
            return 2
        report.write_line(report.sign(report.failed_result(f"bad job: {e}"), secret))
        return 0
    link = RunnerLink(pid, control_w, reply_r, stdout_r, stderr_r, OutputCapture(job["limits"]["output_bytes"]))
    try:
        result = Grading(job, link).run(started)
    except Exception as e:  # a bug of the harness: still answer, with a reason
        log(f"harness error: {type(e).__name__}: {e}")
        result = report.failed_result(f"harness error: {type(e).__name__}: {e}", job.get("scoring"))
        processes.kill_everything()
        report.write_line(report.sign(result, job["secret"]))
        return 1
    processes.kill_everything()
    report.write_line(report.sign(result, job["secret"]))
    return 0


def _secret_of(line):
    try:
        secret = json.loads(line.decode("utf-8")).get("secret")
    except (ValueError, UnicodeDecodeError, AttributeError):
        return None
    return secret if isinstance(secret, str) and len(secret) >= 32 else None


class Grading:
    def __init__(self, job, link):
        self.job = job
        self.link = link
        self.limits = job["limits"]
        self.reasons = []
        self.limits_hit = []

    def _hit(self, names):
        for name in names:
            if name not in self.limits_hit:
                self.limits_hit.append(name)

    def run(self, started):
        job, link = self.job, self.link
        test_files = [okformat.load_test_file(t["path"], t["source"], otter_rules=False)
                      for t in job["tests"]]
        mode = scoring.choose_mode(job["scoring"], test_files)
        if mode == "otter":  # otter's defaults for `hidden` and `all_or_nothing`
            test_files = [okformat.load_test_file(t["path"], t["source"], otter_rules=True)
                          for t in job["tests"]]
        try:
            self._prepare_workdir()
            link.request({"op": "start", "workdir": WORKDIR, "limits": self.limits, "seed": job["seed"],
                          "seed_variable": job.get("seed_variable"),
                          "notebook": workspace.NOTEBOOK_NAME},
                         time.monotonic() + START_TIMEOUT_S, lambda f: f.get("op") == "started")
        except (OSError, RunnerGone) as e:
            reason = e.reason if isinstance(e, RunnerGone) else f"{type(e).__name__}: {e}"
            result = report.failed_result(f"could not prepare the notebook: {reason}", mode)
            link.drain(0.2)
            result["output"] = link.capture.to_json()
            return result
        setup_s = time.monotonic() - started

        cells_started = time.monotonic()
        phase1 = NotebookPhase(link, self.limits, log)
        phase1.run(code_cells(job["notebook"]))
        self._hit(phase1.limits_hit)
        if phase1.stopped:
            self.reasons.append(phase1.stopped)
        if link.alive:
            swept = link.sweep_others()
            if swept:
                log(f"killed {swept} leftover processes of the notebook")
        cells_s = time.monotonic() - cells_started

        tests_started = time.monotonic()
        outcomes, suspicious, tampered = {}, [], False
        not_run = phase1.stopped or "the notebook's process was gone"
        if link.alive:
            phase2 = TestPhase(link, self.limits, canary.CanaryFactory(), log,
                               stop_at_failed_case=(mode == "gofer"))
            outcomes = phase2.run(test_files)
            suspicious, tampered = phase2.suspicious, phase2.tampered
            self._hit(phase2.limits_hit)
            if phase2.lost:
                not_run = phase2.lost
                self.reasons.append(f"tests stopped: {phase2.lost}")
            link.stop(time.monotonic() + 1)
        link.drain(0.2)
        tests_s = time.monotonic() - tests_started

        entries = [scoring.score_test(t, outcomes.get(t.path), mode, not_run) for t in test_files]
        if tampered:
            entries = [scoring.zero(e) for e in entries]
            self.reasons.append("the notebook tampered with the evaluator: score set to 0")
        broken = [t.path for t in test_files if t.error]
        if broken:
            self.reasons.append("unusable test files: " + ", ".join(broken))
        if link.capture.limit_hit:
            self._hit(["output"])
        return {
            "protocol": report.PROTOCOL,
            "status": "graded",
            "reason": "; ".join(self.reasons)[:4096] or None,
            "scoring": mode,
            "score": sum(e["score"] for e in entries),
            "max_score": sum(e["max_score"] for e in entries),
            "tests": entries,
            "errors": phase1.errors,
            "suspicious": suspicious,
            "output": link.capture.to_json(),
            "timing": {"setup_s": round(setup_s, 3), "cells_s": round(cells_s, 3), "tests_s": round(tests_s, 3)},
            "limits_hit": self.limits_hit,
        }

    def _prepare_workdir(self):
        workspace.create_workdir(WORKDIR)
        for f in self.job["files"]:
            workspace.write_file(WORKDIR, f["path"], f["content"])
        notebook = json.dumps(self.job["notebook"]).encode("utf-8")
        workspace.write_file(WORKDIR, workspace.NOTEBOOK_NAME, notebook)
