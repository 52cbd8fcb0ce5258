#!/usr/bin/python3
"""Grades every fixture notebook (tests/fixtures/notebooks) in the image and checks the outcome
against tests/fixtures/expected.json: the attacks must fail and honest work must keep its score.
Also grades the submissions of tests/otter_assign_lab03 (an assignment as otter assign writes
it) through the supervisor, to otter's own per-question scores.

    check_fixtures.py [NAME ...] [--image gofer-grader:latest] [--jobs 3]
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time

HARNESS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(HARNESS, "tests", "fixtures")
RUN_JOB = os.path.join(HARNESS, "tools", "run_job.py")
OTTER_ASSIGN = os.path.join(HARNESS, "tests", "otter_assign_lab03")


def expectations():
    """{fixture name: (notebook path, assignment directory, what must hold)}."""
    with open(os.path.join(FIXTURES, "expected.json")) as f:
        attacks = json.load(f)
    found = {name: (os.path.join(FIXTURES, "notebooks", name + ".ipynb"), os.path.join(FIXTURES, "assignment"),
                    expected) for name, expected in attacks.items()}
    with open(os.path.join(OTTER_ASSIGN, "expected.json")) as f:
        otter = json.load(f)["scores"]
    for notebook, tests in otter.items():
        found["otter-assign-lab03/" + notebook[:-len(".ipynb")]] = (
            os.path.join(OTTER_ASSIGN, "submissions", notebook), OTTER_ASSIGN,
            {"score": sum(s for s, _ in tests.values()), "max_score": sum(m for _, m in tests.values()),
             "tests": tests})
    return found


def grade(notebook, assignment, image):
    started = time.monotonic()
    proc = subprocess.run([sys.executable, RUN_JOB, notebook, assignment, "--image", image],
                          capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    if proc.returncode != 0:
        return None, f"no verified result: {proc.stderr[-800:]}", elapsed
    return json.loads(proc.stdout), None, elapsed


def problems(result, expected):
    found = []
    if abs(result["score"] - expected["score"]) > 1e-9:
        found.append(f"score {result['score']} != {expected['score']}")
    if abs(result["max_score"] - expected["max_score"]) > 1e-9:
        found.append(f"max_score {result['max_score']} != {expected['max_score']}")
    for name in expected.get("failed", []):
        if any(t["name"] == name and t["passed"] for t in result["tests"]):
            found.append(f"{name} passed")
    if expected.get("suspicious") and not result["suspicious"]:
        found.append("nothing recorded as suspicious")
    if not expected.get("suspicious") and result["suspicious"]:
        found.append(f"unexpected suspicious: {result['suspicious']}")
    if "limit" in expected and expected["limit"] not in result["limits_hit"]:
        found.append(f"limit {expected['limit']} not in {result['limits_hit']}")
    if "reason" in expected and expected["reason"] not in (result["reason"] or ""):
        found.append(f"reason {result['reason']!r} does not mention {expected['reason']!r}")
    if "error" in expected and not any(e["ename"] == expected["error"] for e in result["errors"]):
        found.append(f"no {expected['error']} among errors {result['errors']}")
    for name, (score, max_score) in expected.get("tests", {}).items():
        got = [[t["score"], t["max_score"]] for t in result["tests"] if t["name"] == name]
        if got != [[score, max_score]]:
            found.append(f"{name}: {got} != {[score, max_score]}")
    if result["_run_job"]["unverified_result_lines"]:
        found.append("a forged result line reached the container's stdout")
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*")
    parser.add_argument("--image", default="gofer-grader:latest")
    parser.add_argument("--jobs", type=int, default=3)
    args = parser.parse_args()
    fixtures = expectations()
    names = args.names or list(fixtures)
    failures = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {name: pool.submit(grade, fixtures[name][0], fixtures[name][1], args.image) for name in names}
        for name in names:
            result, error, elapsed = futures[name].result()
            found = [error] if error else problems(result, fixtures[name][2])
            failures += bool(found)
            summary = "" if result is None else (
                f"score {result['score']:g}/{result['max_score']:g} limits={result['limits_hit']} "
                f"suspicious={len(result['suspicious'])} reason={(result['reason'] or '')[:90]!r}")
            print(f"{'FAIL' if found else 'ok  '} {name:38s} {elapsed:5.1f}s {summary}")
            for problem in found:
                print(f"       {problem}")
    print(f"{len(names) - failures}/{len(names)} fixtures as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
