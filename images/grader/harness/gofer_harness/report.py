"""The result line: GOFER-RESULT 1 <hmac> <payload> (README: Output)."""
import base64
import hashlib
import hmac
import json
import os

PROTOCOL = 1


def sign(result, secret):
    payload = base64.b64encode(json.dumps(result, separators=(",", ":"), ensure_ascii=False)
                               .encode("utf-8")).decode("ascii")
    mac = hmac.new(secret.encode("utf-8"), payload.encode("ascii"), hashlib.sha256).hexdigest()
    return f"GOFER-RESULT {PROTOCOL} {mac} {payload}\n"


def verify(line, secret):
    """The results dict of a verified result line, else None (the service does the same)."""
    parts = line.strip().split(" ")
    if len(parts) != 4 or parts[0] != "GOFER-RESULT" or parts[1] != str(PROTOCOL):
        return None
    expected = hmac.new(secret.encode("utf-8"), parts[3].encode("ascii"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, parts[2]):
        return None
    return json.loads(base64.b64decode(parts[3]).decode("utf-8"))


def write_line(line, fd=1):
    data = memoryview(line.encode("ascii"))
    while data:
        data = data[os.write(fd, data):]


def failed_result(reason, scoring=None):
    return {"protocol": PROTOCOL, "status": "failed", "reason": reason, "scoring": scoring or "gofer",
            "score": 0.0, "max_score": 0.0, "tests": [], "errors": [], "suspicious": [],
            "output": {"stdout": "", "stderr": "", "dropped_bytes": 0},
            "timing": {"setup_s": 0.0, "cells_s": 0.0, "tests_s": 0.0}, "limits_hit": []}
