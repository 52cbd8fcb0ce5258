#!/usr/bin/python3
"""Grade one notebook in the grading image, as the service would, and print the results JSON.

    run_job.py NOTEBOOK.ipynb ASSIGNMENT_DIR [--image gofer-grader:latest] [--scoring gofer|otter]
               [--cell-timeout S] [--notebook-timeout S] [--test-timeout S] [--output-bytes N]
               [--memory 1g] [--pids 256] [--raw] [--extra-file PATH ...]

ASSIGNMENT_DIR holds tests/*.py (OK format), an optional assignment.json and support files
(every other file, copied beside the notebook). Exit status: 0 when a verified result came
back, 3 when none did.
"""
import argparse
import base64
import json
import os
import secrets
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from gofer_harness import report  # noqa: E402


def build_job(notebook_path, assignment_dir, args):
    with open(notebook_path, encoding="utf-8") as f:
        notebook = json.load(f)
    config = {}
    config_path = os.path.join(assignment_dir, "assignment.json")
    if os.path.isfile(config_path):
        with open(config_path, encoding="utf-8") as f:
            config = json.load(f)
    tests, files = [], []
    for root, dirs, names in os.walk(assignment_dir):
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(root, name)
            rel = os.path.relpath(full, assignment_dir).replace(os.sep, "/")
            if rel == "assignment.json" or "__pycache__" in rel or os.path.islink(full):
                continue
            if rel.startswith("tests/"):
                if rel.endswith(".py") and not name.startswith("__"):
                    with open(full, encoding="utf-8") as f:
                        tests.append({"path": rel, "source": f.read()})
                continue
            with open(full, "rb") as f:
                files.append({"path": rel, "content_b64": base64.b64encode(f.read()).decode("ascii")})
    limits = {"cell_timeout_s": args.cell_timeout, "notebook_timeout_s": args.notebook_timeout,
              "test_timeout_s": args.test_timeout, "output_bytes": args.output_bytes,
              "file_size_bytes": 50 * 1024 * 1024, "open_files": 256}
    for key in limits:
        if key in config.get("limits", {}):
            limits[key] = config["limits"][key]
    return {
        "protocol": 1,
        "secret": secrets.token_hex(32),
        "assignment": config.get("assignment", os.path.basename(os.path.abspath(assignment_dir))),
        "notebook": notebook,
        "files": files,
        "tests": tests,
        "scoring": args.scoring or config.get("scoring"),
        "limits": limits,
        "seed": config.get("seed"),
    }


def docker_command(args):
    return ["docker", "run", "-i", "--rm", "--network", "none", "--read-only", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--user", "1000:1000",
            "--memory", args.memory, "--memory-swap", args.memory, "--pids-limit", str(args.pids),
            "--cpus", "1",
            "--tmpfs", "/tmp:rw,nosuid,nodev,size=64m,nr_inodes=4096,mode=1777",
            "--tmpfs", "/home/gofer:rw,nosuid,nodev,size=128m,nr_inodes=4096,uid=1000,gid=1000,mode=0700",
            "--label", "gofer.managed=true", "--label", "gofer.deployment=run_job",
            args.image]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebook")
    parser.add_argument("assignment_dir")
    parser.add_argument("--image", default="gofer-grader:latest")
    parser.add_argument("--scoring", choices=["gofer", "otter"])
    parser.add_argument("--cell-timeout", type=float, default=30)
    parser.add_argument("--notebook-timeout", type=float, default=300)
    parser.add_argument("--test-timeout", type=float, default=60)
    parser.add_argument("--output-bytes", type=int, default=1_000_000)
    parser.add_argument("--memory", default="1g")
    parser.add_argument("--pids", type=int, default=256)
    parser.add_argument("--wall-timeout", type=float, default=900)
    parser.add_argument("--raw", action="store_true", help="also print the container's stdout/stderr")
    args = parser.parse_args()

    job = build_job(args.notebook, args.assignment_dir, args)
    data = (json.dumps(job) + "\n").encode("utf-8")
    try:
        proc = subprocess.run(docker_command(args), input=data, capture_output=True, timeout=args.wall_timeout)
    except subprocess.TimeoutExpired:
        print("run_job: the container exceeded the wall-clock limit", file=sys.stderr)
        return 3
    stdout = proc.stdout.decode("utf-8", "replace")
    if args.raw:
        sys.stderr.write(stdout[-20000:] + proc.stderr.decode("utf-8", "replace")[-20000:])
    verified = [r for r in (report.verify(l, job["secret"]) for l in stdout.splitlines()
                            if l.startswith("GOFER-RESULT ")) if r is not None]
    forged = sum(1 for l in stdout.splitlines() if l.startswith("GOFER-RESULT ")) - len(verified)
    if len(verified) != 1 or proc.returncode != 0:
        print(f"run_job: exit code {proc.returncode}, {len(verified)} verified result lines, "
              f"{forged} unverified; stderr:\n{proc.stderr.decode('utf-8', 'replace')[-4000:]}", file=sys.stderr)
        return 3
    result = verified[0]
    result["_run_job"] = {"exit_code": proc.returncode, "unverified_result_lines": forged}
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
