"""What the grading stand-ins return while the notebook runs under Gofer: tests run later."""


class GradedAfterSubmission:
    """Displays as a notice; the real tests run after the notebook, outside its reach."""

    def __init__(self, what="this check"):
        self.what = what

    def __repr__(self):
        return f"{self.what}: graded after submission"

    def _repr_html_(self):
        return f"<p><em>{self.what}</em>: graded after submission</p>"

    def __bool__(self):
        return True


def inert(name):
    def call(*args, **kwargs):
        return None
    call.__name__ = name
    return call
