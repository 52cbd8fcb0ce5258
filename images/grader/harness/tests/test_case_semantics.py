"""Test cases run as doctest runs them in gofer-grader and otter-grader (DocTestRunner on a
DocTest of the notebook's globals): each case in its own copy of the globals, every example of a
case even after one failed; plus okpy's setup/teardown, which Gofer runs around each case."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.grading_session import grade  # noqa: E402


def ok_test(name, cases, **extra):
    fields = "".join(f", {k!r}: {v!r}" for k, v in extra.items() if k not in ("setup", "teardown"))
    suite = "".join(f", {k!r}: {v!r}" for k, v in extra.items() if k in ("setup", "teardown"))
    codes = ", ".join("{'code': %r, 'hidden': False}" % c for c in cases)
    return f"OK_FORMAT = True\ntest = {{'name': {name!r}{fields}, 'suites': [{{'cases': [{codes}]{suite}}}]}}"


class CaseScopeTest(unittest.TestCase):
    def test_names_a_case_binds_stay_in_that_case(self):
        graded = grade(["x = 42"], {
            "tests/q1.py": ok_test("q1", [">>> x = 99\n>>> x\n99", ">>> x\n42", ">>> 'helper' in dir()\nFalse",
                                          ">>> def helper():\n...     return 1\n>>> helper()\n1"]),
            "tests/q2.py": ok_test("q2", [">>> x\n42", ">>> 'helper' in dir()\nFalse"]),
        })
        self.assertEqual(graded.scores(), {"q1": [1.0, 1.0], "q2": [1.0, 1.0]})

    def test_every_example_of_a_case_runs_after_a_failure(self):
        # doctest goes on after a failed example: its side effects on the notebook's objects count
        graded = grade(["log = []"], {
            "tests/q1.py": ok_test("q1", [">>> 1 + 1\n3\n>>> log.append('ran')", ">>> log\n['ran']"]),
        })
        self.assertEqual(graded.scores(), {"q1": [0.5, 1.0]})
        message = graded.entries["q1"]["cases"][0]["message"]
        self.assertIn("Expected:\n    3", message)

    def test_all_failures_of_a_case_are_reported(self):
        graded = grade(["x = 1"], {"tests/q1.py": ok_test("q1", [">>> x\n2\n>>> x + 1\n3"])})
        message = graded.entries["q1"]["cases"][0]["message"]
        self.assertIn("Failed example:\n    x\n", message)
        self.assertIn("Failed example:\n    x + 1\n", message)


class SetupTeardownTest(unittest.TestCase):
    def test_setup_runs_before_each_case_in_its_scope_and_teardown_after(self):
        graded = grade(["calls = []"], {"tests/q1.py": ok_test(
            "q1", [">>> y\n5", ">>> y + 1\n6\n>>> len(calls)\n1"],
            setup=">>> y = 5", teardown=">>> calls.append('teardown')")})
        self.assertEqual(graded.scores(), {"q1": [1.0, 1.0]})

    def test_a_failing_setup_fails_the_case(self):
        graded = grade(["z = 1"], {"tests/q1.py": ok_test("q1", [">>> True\nTrue"], setup=">>> z\n2")})
        self.assertEqual(graded.scores(), {"q1": [0.0, 1.0]})
        self.assertIn("setup failed", graded.entries["q1"]["cases"][0]["message"])


class OtterDefaultsTest(unittest.TestCase):
    def test_without_all_or_nothing_otter_gives_partial_credit(self):
        # otter assign writes all_or_nothing only when it is true; absent means per-case points
        graded = grade(["x = 1"], {"tests/q1.py": ok_test("q1", [">>> x\n1", ">>> x\n2"], points=4)})
        self.assertEqual(graded.scores(), {"q1": [2.0, 4.0]})

    def test_all_or_nothing_true_gives_nothing_unless_all_pass(self):
        graded = grade(["x = 1"], {"tests/q1.py": ok_test("q1", [">>> x\n1", ">>> x\n2"], points=4,
                                                          all_or_nothing=True)})
        self.assertEqual(graded.scores(), {"q1": [0.0, 4.0]})

    def test_gofer_scoring_stops_at_the_first_failing_case(self):
        graded = grade(["x = 1"], {"tests/q1.py": 'test = {"name": "q1", "suites": [{"cases": ['
                                                  '{"code": ">>> x\\n2"}, {"code": ">>> x\\n1"}]}]}'},
                       mode="gofer")
        self.assertEqual(graded.scores(), {"q1": [0.0, 1.0]})
        self.assertIn("not run", graded.entries["q1"]["cases"][1]["message"])


if __name__ == "__main__":
    unittest.main()
