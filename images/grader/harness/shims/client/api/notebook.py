"""okpy's `client.api.notebook` as seen by a notebook graded by Gofer: inert stand-ins."""
from _gofer_later import GradedAfterSubmission, inert


class Notebook:
    def __init__(self, filepath=None, cmd_args=None, debug=False, mode="jupyter"):
        self.filepath = filepath

    def auth(self, force=False, inline=True):
        return None

    def grade(self, question, *args, **kwargs):
        return GradedAfterSubmission(f"{question}")

    def score(self, *args, **kwargs):
        return GradedAfterSubmission("score")

    def submit(self, *args, **kwargs):
        return None

    def backup(self, *args, **kwargs):
        return None

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return inert(name)
