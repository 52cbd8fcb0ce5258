"""The IPython shell the runner executes cells with: a Jupyter kernel's behaviour, without a display.

IPython's plain InteractiveShell has no event loop integration, so `%matplotlib inline` (and
`%pylab`) raise NotImplementedError in enable_gui; ipykernel's shell accepts them. A grading
container has no display either, so GUI backends (`%matplotlib qt`, `tk`, `notebook`, `widget`,
...) become the inline backend instead of failing: the student's plots ran fine on their machine
and are not what is graded.

IPython 9 also copies everything a cell prints into the history's outputs, even with the history
off: a notebook that prints for its whole time limit then fills the runner's memory, and the
runner dies. Nothing reads that history here, so the copy is not made.
"""
import contextlib

from IPython.core.interactiveshell import InteractiveShell

# The names `%matplotlib NAME` accepts that need a GUI event loop or a browser front end.
GUI_BACKENDS = frozenset({
    "gtk", "gtk3", "gtk4", "macosx", "nbagg", "notebook", "osx", "qt", "qt4", "qt5", "qt6",
    "tk", "widget", "ipympl", "webagg", "wx",
})


class GradingShell(InteractiveShell):
    """InteractiveShell whose matplotlib integration works headless, as in a Jupyter kernel."""

    def enable_gui(self, gui=None):
        # Reached with gui=None for inline and non-interactive backends (what ipykernel does:
        # no event loop to start). enable_matplotlib below never passes a GUI name.
        self.active_eventloop = None

    @contextlib.contextmanager
    def _tee(self, channel):
        # IPython >= 9 wraps sys.stdout/stderr.write during run_cell to store every write (see
        # the module docstring); the streams are left as they are.
        yield

    def enable_matplotlib(self, gui=None):
        if gui is None or gui == "auto":
            # `%matplotlib` alone: the kernel's default backend. IPython < 9 would take
            # matplotlib's configured one instead, TkAgg on Debian, which cannot load headless.
            gui = "inline"
        elif gui.lower() in GUI_BACKENDS:
            print(f"%matplotlib {gui}: no display while grading, using the inline backend")
            gui = "inline"
        return super().enable_matplotlib(gui)
