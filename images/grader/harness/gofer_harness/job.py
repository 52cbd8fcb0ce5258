"""Reading and checking the job the service writes to the supervisor's stdin."""
import base64
import binascii
import json
import os

MAX_JOB_BYTES = 64 * 1024 * 1024

DEFAULT_LIMITS = {
    "cell_timeout_s": 30,
    "notebook_timeout_s": 300,
    "test_timeout_s": 60,
    "output_bytes": 1_000_000,
    "file_size_bytes": 100 * 1024 * 1024,
    "open_files": 256,
}


class JobError(Exception):
    """The job is malformed; grading fails with this message as the reason."""


def read_job_line(fd=0, limit=MAX_JOB_BYTES):
    """Reads up to the first newline (not waiting for end of file); at most `limit` bytes."""
    chunks = []
    size = 0
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        newline = chunk.find(b"\n")
        if newline >= 0:
            chunks.append(chunk[:newline])
            size += newline
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise JobError(f"job is larger than {limit} bytes")
    if size > limit:
        raise JobError(f"job is larger than {limit} bytes")
    line = b"".join(chunks)
    if not line.strip():
        raise JobError("no job on stdin")
    return line


def parse_job(line):
    """Parses and checks the job JSON; returns a dict with every field present and typed."""
    try:
        job = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise JobError(f"job is not JSON: {e}") from None
    if not isinstance(job, dict):
        raise JobError("job is not a JSON object")
    if job.get("protocol") != 1:
        raise JobError(f"unsupported protocol {job.get('protocol')!r} (this harness speaks 1)")
    secret = job.get("secret")
    if not isinstance(secret, str) or len(secret) < 32:
        raise JobError("job secret is missing or shorter than 32 characters")
    notebook = job.get("notebook")
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise JobError("job notebook is not an nbformat 4 notebook (no cells list)")
    files = [_support_file(f) for f in _list(job, "files")]
    tests = [_test_file(t) for t in _list(job, "tests")]
    scoring = job.get("scoring")
    if scoring not in (None, "gofer", "otter"):
        raise JobError(f"unknown scoring {scoring!r}")
    limits = dict(DEFAULT_LIMITS)
    given = job.get("limits") or {}
    if not isinstance(given, dict):
        raise JobError("job limits is not an object")
    for key, default in DEFAULT_LIMITS.items():
        value = given.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise JobError(f"limit {key} must be a positive number")
        limits[key] = value
    seed = job.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise JobError("seed must be an integer or null")
    seed_variable = job.get("seed_variable")
    if seed_variable is not None and (seed is None or not isinstance(seed_variable, str)
                                      or not seed_variable.isidentifier()):
        raise JobError("seed_variable must be a variable name, and needs a seed")
    return {
        "secret": secret,
        "assignment": str(job.get("assignment") or ""),
        "notebook": notebook,
        "files": files,
        "tests": tests,
        "scoring": scoring,
        "limits": limits,
        "seed": seed,
        "seed_variable": seed_variable,
    }


def _list(job, key):
    value = job.get(key) or []
    if not isinstance(value, list):
        raise JobError(f"job {key} is not a list")
    return value


def _support_file(entry):
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        raise JobError("a support file has no path")
    try:
        content = base64.b64decode(entry.get("content_b64") or "", validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise JobError(f"support file {entry['path']!r}: content_b64 is not base64") from None
    return {"path": check_relative_path(entry["path"]), "content": content}


def _test_file(entry):
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) \
            or not isinstance(entry.get("source"), str):
        raise JobError("a test file has no path or source")
    return {"path": entry["path"], "source": entry["source"]}


def check_relative_path(path):
    """Returns the path's parts; rejects absolute paths, '..', empty parts and odd characters."""
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        raise JobError(f"support file path {path!r} is not a plain relative path")
    parts = path.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            raise JobError(f"support file path {path!r} has an empty, '.' or '..' part")
    return "/".join(parts)
