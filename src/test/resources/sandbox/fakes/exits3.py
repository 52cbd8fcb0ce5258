"""Reads the job and breaks: exit code 3, no result line."""
import sys
import fakelib

fakelib.read_job()
print("supervisor: something broke", file=sys.stderr, flush=True)
sys.exit(3)
