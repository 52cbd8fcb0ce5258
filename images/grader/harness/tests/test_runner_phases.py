"""The real runner, forked and driven through both phases (no PID-1 duties exercised here:
sweeping and kill(-1) would reach the test process itself; tools/check_fixtures.py covers them)."""
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from gofer_harness import canary, grading, okformat  # noqa: E402
from gofer_harness.link import RunnerLink  # noqa: E402
from gofer_harness.notebook_phase import NotebookPhase  # noqa: E402
from gofer_harness.output import OutputCapture  # noqa: E402
from gofer_harness.test_phase import TestPhase  # noqa: E402

LIMITS = {"cell_timeout_s": 20, "notebook_timeout_s": 60, "test_timeout_s": 20, "output_bytes": 10000,
          "file_size_bytes": 10 << 20, "open_files": 128}
Q1 = 'test = {"name": "q1", "points": 1, "suites": [{"cases": [{"code": ">>> x == 42\\nTrue"}], "type": "doctest"}]}'
Q2 = ('test = {"name": "q2", "points": 1, "suites": [{"cases": [{"code": ">>> square(3)\\n9\\n>>> print(square(2))\\n4"}],'
      ' "type": "doctest"}]}')


class RunnerPhasesTest(unittest.TestCase):
    def grade(self, cells, seed=None, seed_variable=None):
        pid, control_w, reply_r, stdout_r, stderr_r = grading.fork_runner()
        link = RunnerLink(pid, control_w, reply_r, stdout_r, stderr_r, OutputCapture(10000))
        self.addCleanup(link.kill)
        workdir = tempfile.mkdtemp()
        link.request({"op": "start", "workdir": workdir, "limits": LIMITS, "seed": seed,
                      "seed_variable": seed_variable},
                     time.monotonic() + 60, lambda f: f.get("op") == "started")
        phase1 = NotebookPhase(link, LIMITS, lambda m: None)
        phase1.run(list(enumerate(cells)))
        tests = [okformat.load_test_file("tests/q1.py", Q1, False), okformat.load_test_file("tests/q2.py", Q2, False)]
        phase2 = TestPhase(link, LIMITS, canary.CanaryFactory(), lambda m: None, stop_at_failed_case=True)
        outcomes = phase2.run(tests)
        passed = {t.name: all(o.passed for o in outcomes.get(t.path, [])) for t in tests}
        return passed, phase1, phase2, link

    def test_honest_notebook_passes_and_shims_are_inert(self):
        passed, phase1, phase2, _ = self.grade([
            "from gofer.ok import check\nimport otter\ngrader = otter.Notebook()\n"
            "from client.api.notebook import Notebook\nok = Notebook('x.ok'); ok.auth()",
            "x = 42\ncheck('tests/q1.py')\ngrader.check('q1')\ngrader.export()",
            "def square(n):\n    return n * n\n%time y = 1"])
        self.assertEqual(passed, {"q1": True, "q2": True})
        self.assertEqual(phase1.errors, [])
        self.assertFalse(phase2.tampered)
        self.assertGreater(phase2.canaries_asked, 1)

    def test_a_seed_reseeds_random_and_numpy_before_every_cell(self):
        passed, phase1, _, _ = self.grade([
            "import random, numpy\na, na = random.random(), numpy.random.rand()",
            "b, nb = random.random(), numpy.random.rand()",
            "x = 42 if (a, na) == (b, nb) else 0"], seed=7)
        self.assertEqual(phase1.errors, [])
        self.assertTrue(passed["q1"])

    def test_a_seed_variable_is_set_before_every_cell_instead_of_seeding(self):
        passed, phase1, _, _ = self.grade([
            "import random\nrng_seed = 0\na = random.random()",
            "b = random.random()",
            "x = rng_seed if a != b else 0"], seed=42, seed_variable="rng_seed")
        self.assertEqual(phase1.errors, [])
        self.assertTrue(passed["q1"])

    def test_cell_errors_are_recorded_and_grading_goes_on(self):
        passed, phase1, _, _ = self.grade(["1/0", "import sys\nsys.exit(3)", "x = 42"])
        self.assertEqual([e["ename"] for e in phase1.errors], ["ZeroDivisionError", "SystemExit"])
        self.assertEqual(passed, {"q1": True, "q2": False})

    def test_always_equal_object_fails_and_is_suspicious(self):
        passed, _, phase2, _ = self.grade(["class A:\n    def __eq__(self, o):\n        return True\nx = A()"])
        self.assertFalse(passed["q1"])
        self.assertTrue(any("always-equal" in s for s in phase2.suspicious))

    def test_patched_evaluator_is_caught_by_canaries(self):
        _, _, phase2, _ = self.grade([
            "import sys\nm = sys.modules['gofer_harness.runner']\n"
            "m.evaluate.__code__ = (lambda ns, src, *a, **k: ('True\\n', None)).__code__"])
        self.assertTrue(phase2.tampered)
        self.assertTrue(any("canary" in s for s in phase2.suspicious))

    def test_os_exit_is_detected(self):
        _, phase1, _, link = self.grade(["x = 42", "import os\nos._exit(0)", "y = 1"])
        self.assertFalse(link.alive)
        self.assertIn("exited with status 0", phase1.stopped)


if __name__ == "__main__":
    unittest.main()
