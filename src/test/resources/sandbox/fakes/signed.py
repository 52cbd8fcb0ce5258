"""Reads the job and reports a correctly signed result that echoes what it received."""
import base64
import sys
import fakelib

job = fakelib.read_job()
print("supervisor: job received", flush=True)
print("supervisor: a diagnostic on stderr", file=sys.stderr, flush=True)
echo = {
    "protocol": job["protocol"],
    "assignment": job["assignment"],
    "scoring": job["scoring"],
    "cells": len(job["notebook"]["cells"]),
    "files": {f["path"]: base64.b64decode(f["content_b64"]).decode("utf-8") for f in job["files"]},
    "tests": {t["path"]: t["source"] for t in job["tests"]},
    "limits": job["limits"],
    "secret_hex_chars": len(job["secret"]),
}
fakelib.report(job["secret"], fakelib.graded(2.0, 2.0, echo=echo))
