"""An assignment exactly as `otter assign` 7 writes it is parsed and graded as otter-grader does
(the fixture and how it was made: otter_assign_lab03/README.md)."""
import glob
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from gofer_harness import okformat  # noqa: E402
from gofer_harness.notebook_phase import code_cells  # noqa: E402
from tests.grading_session import grade  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "otter_assign_lab03")


def _read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


class OtterAssignTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.expected = json.loads(_read(os.path.join(HERE, "expected.json")))
        cls.tests = {"tests/" + os.path.basename(p): _read(p)
                     for p in sorted(glob.glob(os.path.join(HERE, "tests", "q*.py")))}

    def test_every_case_is_parsed_with_otters_boundaries_and_points(self):
        self.assertEqual(len(self.tests), len(self.expected["parsed"]))
        for path, source in self.tests.items():
            parsed = okformat.load_test_file(path, source, otter_rules=True)
            with self.subTest(test=parsed.name):
                self.assertIsNone(parsed.error)
                otter = self.expected["parsed"][parsed.name]
                self.assertEqual(parsed.all_or_nothing, otter["all_or_nothing"])
                self.assertEqual([[c.name, c.points, c.hidden, len(c.examples)] for c in parsed.cases],
                                 otter["cases"])

    def test_submissions_get_otters_scores_per_question(self):
        files = {"scores.csv": _read(os.path.join(HERE, "scores.csv"), "rb")}
        for name, expected in self.expected["scores"].items():
            with self.subTest(submission=name):
                notebook = json.loads(_read(os.path.join(HERE, "submissions", name)))
                graded = grade([source for _, source in code_cells(notebook)], self.tests, "otter", files)
                self.assertEqual(graded.scores(), expected)
                self.assertFalse(graded.phase2.tampered)
                self.assertNotIn("NotImplementedError", [e["ename"] for e in graded.phase1.errors])
                if name.startswith("solution"):
                    self.assertEqual(graded.phase1.errors, [])


if __name__ == "__main__":
    unittest.main()
