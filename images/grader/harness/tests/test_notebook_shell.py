"""Cells run as in a Jupyter kernel without a display: matplotlib magics, inline figures."""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.grading_session import grade  # noqa: E402

FIGURE_TEST = ('OK_FORMAT = True\ntest = {"name": "q1", "points": 2, "suites": [{"cases": ['
               '{"code": ">>> len(fig.axes)\\n1", "hidden": False}, '
               '{"code": ">>> [round(y) for y in ax.lines[0].get_ydata()]\\n[1, 4, 9]", "hidden": False}], '
               '"type": "doctest"}]}')


class MatplotlibMagicTest(unittest.TestCase):
    def test_first_cell_matplotlib_inline_then_a_plot_grades(self):
        started = time.monotonic()
        graded = grade([
            "%matplotlib inline",
            "import otter\ngrader = otter.Notebook()",
            "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2, 3], [1, 4, 9])\nplt.show()",
            "grader.check('q1')",
        ], {"tests/q1.py": FIGURE_TEST})
        self.assertEqual(graded.phase1.errors, [])
        self.assertEqual(graded.scores(), {"q1": [2.0, 2.0]})
        self.assertLess(time.monotonic() - started, 60, "plt.show() must not block")
        # as in a Jupyter kernel: figures are shown and closed at the end of their cell
        check = grade(["%matplotlib inline", "import matplotlib.pyplot as plt\nplt.plot([1])",
                       "n = len(plt.get_fignums())"],
                      {"tests/q1.py": 'test = {"name": "q1", "suites": [{"cases": [{"code": ">>> n\\n0"}]}]}'},
                      mode="gofer")
        self.assertEqual(check.scores(), {"q1": [1.0, 1.0]})

    def test_other_matplotlib_and_pylab_magics_run(self):
        graded = grade([
            "%matplotlib",
            "%matplotlib agg",
            "%matplotlib qt",
            "%matplotlib notebook",
            "%pylab inline",
            "x = linspace(0, 1, 5)\nplot(x, x ** 2)\nshow()",
            "import matplotlib\nbackend = matplotlib.get_backend()",
        ], {"tests/q1.py": 'test = {"name": "q1", "suites": [{"cases": [{"code": '
                           '">>> len(x), \'inline\' in backend\\n(5, True)"}]}]}'}, mode="gofer")
        self.assertEqual(graded.phase1.errors, [])
        self.assertEqual(graded.scores(), {"q1": [1.0, 1.0]})

    def test_plots_without_any_magic_use_the_inline_backend(self):
        graded = grade(["import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()",
                        "import matplotlib\nbackend = matplotlib.get_backend()"],
                       {"tests/q1.py": 'test = {"name": "q1", "suites": [{"cases": [{"code": '
                                       '">>> backend\\n\'module://matplotlib_inline.backend_inline\'"}]}]}'},
                       mode="gofer")
        self.assertEqual(graded.phase1.errors, [])
        self.assertEqual(graded.scores(), {"q1": [1.0, 1.0]})


class PrintedOutputTest(unittest.TestCase):
    def test_printing_does_not_accumulate_in_the_runners_memory(self):
        # IPython 9 keeps a copy of every print in its history, even with the history off
        graded = grade([
            "import resource\nbefore = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss",
            "for _ in range(5000):\n    print('flood' * 2000)",
            "grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024",
        ], {"tests/q1.py": 'test = {"name": "q1", "suites": [{"cases": [{"code": ">>> grown_mb < 20\\nTrue"}]}]}'},
            mode="gofer")
        self.assertEqual(graded.phase1.errors, [])
        self.assertEqual(graded.scores(), {"q1": [1.0, 1.0]}, graded.entries["q1"]["message"])


if __name__ == "__main__":
    unittest.main()
