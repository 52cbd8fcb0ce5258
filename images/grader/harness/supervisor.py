"""Gofer's grading supervisor: PID 1 of the grading container (trusted).

Started as `python3 -I /opt/gofer/harness/supervisor.py`; the contract is README.md here.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gofer_harness import grading  # noqa: E402

if __name__ == "__main__":
    sys.exit(grading.main())
