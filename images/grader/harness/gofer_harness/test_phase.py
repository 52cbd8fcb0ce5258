"""Phase 2: the tests. The supervisor holds the tests; the runner only ever sees example sources.

Each example's source goes to the runner, which evaluates it in the notebook's namespace and
answers with what it printed or raised; the verdict is reached here. Canaries (questions only
the supervisor can answer) are mixed in at random; a wrong canary answer means the evaluator
was tampered with and nothing the runner says counts.
"""
import secrets
import time

from . import checking
from .link import RunnerGone

CANARY_RATE = 0.35


class TestTimeout(Exception):
    pass


class CaseOutcome:
    def __init__(self, passed, message, ran=True):
        self.passed = passed
        self.message = message
        self.ran = ran


class TestPhase:
    def __init__(self, link, limits, canaries, log, stop_at_failed_case):
        self.link = link
        self.limits = limits
        self.canaries = canaries
        self.log = log
        self.stop_at_failed_case = stop_at_failed_case
        self.suspicious = []
        self.tampered = False
        self.lost = None
        self.limits_hit = []
        self.canaries_asked = 0
        self.examples_asked = 0
        self.scope = "outside any case"  # the runner evaluates each scope in its own copy of the globals

    # -- asking the runner -------------------------------------------------------------

    def _ask_raw(self, source, deadline):
        request_id = secrets.token_hex(8)
        frame, timed_out = self.link.request(
            {"op": "eval", "id": request_id, "source": source, "scope": self.scope}, deadline,
            lambda f: f.get("op") == "answer" and f.get("id") == request_id)
        if timed_out:
            raise TestTimeout()
        out, exc = frame.get("out"), frame.get("exc")
        if not isinstance(out, str) or not (exc is None or isinstance(exc, str)):
            raise RunnerGone("the notebook's process answered a test with something that is not text")
        return out, exc

    def _canary(self, deadline):
        for canary in self.canaries.make():
            out, exc = self._ask_raw(canary["source"], deadline)
            self.canaries_asked += 1
            if not checking.canary_verdict(canary, out, exc):
                self.tampered = True
                self.suspicious.append(
                    "canary answered wrongly: the evaluator was tampered with "
                    f"(asked {canary['source']!r}, expected {(canary['exc'] or canary['out'])!r}, "
                    f"got {checking.cap(exc or out, 200)!r})")
                raise _Tampered()

    def ask(self, source, deadline):
        if self.canaries.chance() < CANARY_RATE:
            self._canary(deadline)
        self.examples_asked += 1
        return self._ask_raw(source, deadline)

    # -- running tests -----------------------------------------------------------------

    def run(self, test_files):
        """Returns {path: [CaseOutcome, ...]} for the test files that ran."""
        outcomes = {}
        start = time.monotonic()
        try:
            self._canary(time.monotonic() + float(self.limits["test_timeout_s"]))
            for test in test_files:
                if test.error:
                    continue
                outcomes[test.path] = self._run_test(test)
                if self.lost:
                    break
            if not self.lost:
                self._canary(time.monotonic() + float(self.limits["test_timeout_s"]))
        except _Tampered:
            pass
        except TestTimeout:
            self.lost = "the notebook's process did not answer a check in time"
        except RunnerGone as gone:
            self.lost = gone.reason
        self.log(f"phase 2: {len(outcomes)} test files, {self.examples_asked} examples, "
                 f"{self.canaries_asked} canaries, {time.monotonic() - start:.2f} s"
                 + (", TAMPERED" if self.tampered else "") + (f", lost: {self.lost}" if self.lost else ""))
        return outcomes

    def _run_test(self, test):
        deadline = time.monotonic() + float(self.limits["test_timeout_s"])
        results = []
        stop = None
        for case in test.cases:
            if stop:
                results.append(CaseOutcome(False, stop, ran=False))
                continue
            try:
                outcome = self._run_case(case, deadline)
            except TestTimeout:
                if "test_timeout" not in self.limits_hit:
                    self.limits_hit.append("test_timeout")
                outcome = CaseOutcome(False, f"the test's time limit ({self.limits['test_timeout_s']} s) ran out")
                stop = "not run: the test's time limit ran out"
            except RunnerGone as gone:
                self.lost = gone.reason
                outcome = CaseOutcome(False, f"could not run: {gone.reason}")
                stop = f"not run: {gone.reason}"
            results.append(outcome)
            if not outcome.passed and self.stop_at_failed_case and not stop:
                stop = "not run: an earlier case of this test failed"
        return results

    def _run_case(self, case, deadline):
        """One case as doctest runs it: every example, even after one failed, in a fresh scope."""
        self.scope = secrets.token_hex(8)
        for example in case.setup:
            out, exc = self.ask(example.source, deadline)
            ok, report = checking.verdict(example, out, exc)
            if not ok:
                return CaseOutcome(False, "the test's setup failed:\n" + report)
        failures = []
        for example in case.examples:
            out, exc = self.ask(example.source, deadline)
            passed, report = checking.verdict(example, out, exc)
            if not passed:
                failures.append(report)
                continue
            rigged = self._rigged_equality(example.source, deadline)
            if rigged:
                failures.append(f"Failed example:\n    {example.source.strip()}\n"
                                f"`{rigged}` compares equal to any object: its comparison cannot be trusted")
                self.suspicious.append(f"always-equal object: `{rigged}` in test case {case.name!r}")
        for example in case.teardown:
            self.ask(example.source, deadline)
        return CaseOutcome(not failures, checking.cap("\n".join(failures)) if failures else "")

    def _rigged_equality(self, source, deadline):
        for probe, betrayal in checking.equality_probes(source):
            out, exc = self.ask(probe, deadline)
            if exc is None and out == betrayal:
                return probe.split(") ", 1)[0][1:]
        return None


class _Tampered(Exception):
    pass
