"""gofer-grader's `gofer.ok` as seen by a notebook graded by Gofer: inert stand-ins."""
from _gofer_later import GradedAfterSubmission


def check(test_file_path, global_env=None):
    return GradedAfterSubmission(f"check({test_file_path!r})")


def grade_notebook(notebook_path=None, tests_glob=None, *args, **kwargs):
    return GradedAfterSubmission("grade_notebook")
