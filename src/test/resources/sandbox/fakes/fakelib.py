"""Shared by the fake supervisors: read the job line, sign a result the way the contract says."""
import base64
import hashlib
import hmac
import json
import sys


def read_job():
    # Like the real supervisor: up to the first newline, without waiting for EOF.
    return json.loads(sys.stdin.buffer.readline(64 * 1024 * 1024 + 1))


def result_line(secret, results):
    payload = base64.b64encode(json.dumps(results).encode("utf-8")).decode("ascii")
    mac = hmac.new(secret.encode("utf-8"), payload.encode("ascii"), hashlib.sha256).hexdigest()
    return "GOFER-RESULT 1 %s %s" % (mac, payload)


def report(secret, results):
    sys.stdout.write(result_line(secret, results) + "\n")
    sys.stdout.flush()


def graded(score, max_score, **extra):
    results = {"protocol": 1, "status": "graded", "reason": None, "scoring": "gofer",
               "score": score, "max_score": max_score, "tests": [], "errors": [], "suspicious": []}
    results.update(extra)
    return results
