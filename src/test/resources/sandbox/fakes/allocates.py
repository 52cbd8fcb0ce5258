"""Reads the job, then touches memory until the kernel stops it (bounded at 8 GiB)."""
import fakelib

job = fakelib.read_job()
print("supervisor: allocating", flush=True)
hoard = []
for _ in range(512):
    hoard.append(b"\x01" * (16 * 1024 * 1024))
fakelib.report(job["secret"], fakelib.graded(1.0, 1.0))
