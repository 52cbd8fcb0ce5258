"""otter-grader's `otter` as seen by a notebook graded by Gofer: inert stand-ins."""
from _gofer_later import GradedAfterSubmission, inert

__version__ = "gofer"


class Notebook:
    """otter.Notebook: check/check_all report "graded after submission", export etc. do nothing."""

    def __init__(self, nb_path=None, tests_dir="./tests", *args, **kwargs):
        self._notebook_path = nb_path
        self._tests_dir = tests_dir

    def check(self, question, global_env=None):
        return GradedAfterSubmission(f"{question}")

    def check_all(self, *args, **kwargs):
        return GradedAfterSubmission("all questions")

    def grade(self, *args, **kwargs):
        return GradedAfterSubmission("grade")

    def export(self, *args, **kwargs):
        print("Export is not needed: Gofer grades the submitted notebook.")

    def to_pdf(self, *args, **kwargs):
        return None

    def submit(self, *args, **kwargs):
        return None

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return inert(name)
