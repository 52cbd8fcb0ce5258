"""Floods stdout (8 MiB) and stderr (1 MiB), then reports a correctly signed result."""
import sys
import fakelib

job = fakelib.read_job()
line = "flood " + "x" * 1017 + "\n"
for _ in range(8 * 1024):
    sys.stdout.write(line)
for _ in range(1024):
    sys.stderr.write(line)
sys.stdout.write("GOFER-RESULT 1 not-a-real-line\n")
sys.stdout.flush()
fakelib.report(job["secret"], fakelib.graded(1.0, 1.0))
