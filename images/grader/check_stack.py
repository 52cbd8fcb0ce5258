"""The image build's last step: the grading interpreter imports what courses and the harness need.

    python3 check_stack.py pypi|debian

Fails the build (exit 1, naming what is missing) rather than ship an image that grades every
notebook to zero.
"""
import importlib
import sys

BOTH = ["IPython", "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline",
        "nbformat", "numpy", "pandas", "scipy", "scipy.stats", "tqdm"]
PYPI_ONLY = ["datascience"]


def main(stack):
    missing = []
    for name in BOTH + (PYPI_ONLY if stack == "pypi" else []):
        try:
            importlib.import_module(name)
        except Exception as e:  # an ABI break shows as ImportError, AttributeError, ...
            missing.append(f"{name} ({type(e).__name__}: {e})")
    numpy = sys.modules.get("numpy")
    if stack == "pypi" and numpy is not None and int(numpy.__version__.split(".")[0]) < 2:
        missing.append(f"numpy >= 2 (found {numpy.__version__})")
    if missing:
        print("grading interpreter lacks: " + "; ".join(missing), file=sys.stderr)
        return 1
    versions = {n: sys.modules[n].__version__ for n in ("numpy", "pandas", "matplotlib", "scipy", "IPython")}
    print(f"grading interpreter {sys.executable} ({stack}): "
          + ", ".join(f"{n} {v}" for n, v in versions.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "pypi"))
