"""Reads the job, then never finishes (the service's wall clock must kill it)."""
import time
import fakelib

fakelib.read_job()
print("supervisor: sleeping", flush=True)
for _ in range(3600):
    time.sleep(1)
