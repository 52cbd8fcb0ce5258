"""Gofer's Submit button for JupyterLab 4 and Notebook 7, as a prebuilt extension.

The extension itself is installed as data (share/jupyter/labextensions/gofer-submit-labextension);
this module only tells `jupyter labextension develop` where the built files are.
"""

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "gofer-submit-labextension"}]
