"""Grades the fidelity suite's notebooks with the real upstream graders (run with the reference venv).

FidelityIT calls this once, then grades the very same notebook files with Gofer and compares:

    python reference_grade.py --assignments DIR --work DIR --out manifest.json [--corpus DIR]

For every assignment under --assignments it
  - otter (a master.ipynb): runs the real `otter assign` into --work, which writes the autograder
    zip (tests, support files), the student notebook and the solution notebook;
  - gofer (a tests/ folder and a student.ipynb): uses the committed gofer-grader tests;
then builds each submission from submissions/<name>.json (a student notebook with answers filled
in, see build_submission) and grades it: `otter run` against the autograder zip, or
`gofer.ok.grade_notebook` as gofer_service called it. With --corpus it grades the shared corpus of
upstream assignments the same way. The manifest lists, per assignment, what Gofer is given (the
autograder zip for otter, the tests and support files for gofer) and, per submission, the notebook
and the reference's per-question scores.

Every grading runs in its own process (student code runs in the grader's process for gofer-grader)
with a time limit. This file drives the upstream tools; it copies none of their code.
"""

import argparse
import concurrent.futures
import copy
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

GRADING_TIMEOUT_S = 300
ASSIGN_TIMEOUT_S = 600


# ---------------------------------------------------------------- submissions


def check_cell_pattern(question):
    q = re.escape(question)
    return re.compile(r"""(grader\.check\(\s*["']%s["']|\bcheck\(\s*["']tests/%s\.py["'])""" % (q, q))


def source_of(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def build_submission(base, spec):
    """A student's notebook: `base` with the spec's answers typed in.

    spec["answers"][q] replaces the code cell just above the cell that checks question q
    (`grader.check("q")` or `check('tests/q.py')`): where otter assign puts the answer cell.
    spec["edits"] are {"find", "replace"} applied to the first code cell containing "find".
    spec["add_cells"] are {"after", "source"}: a new code cell after the first code cell containing
    "after". Outputs are left as they are: graders ignore them.
    """
    nb = copy.deepcopy(base)
    cells = nb["cells"]
    for question, answer in spec.get("answers", {}).items():
        pattern = check_cell_pattern(question)
        at = next((i for i, c in enumerate(cells) if c["cell_type"] == "code" and pattern.search(source_of(c))), None)
        if at is None:
            raise SystemExit(f"no check cell for {question}")
        answer_cell = next(i for i in range(at - 1, -1, -1) if cells[i]["cell_type"] == "code")
        cells[answer_cell]["source"] = answer
    for edit in spec.get("edits", []):
        cell = next((c for c in cells if c["cell_type"] == "code" and edit["find"] in source_of(c)), None)
        if cell is None:
            raise SystemExit(f"no code cell contains {edit['find']!r}")
        cell["source"] = source_of(cell).replace(edit["find"], edit["replace"], 1)
    for add in spec.get("add_cells", []):
        at = next((i for i, c in enumerate(cells) if c["cell_type"] == "code" and add["after"] in source_of(c)), None)
        if at is None:
            raise SystemExit(f"no code cell contains {add['after']!r}")
        cells.insert(at + 1, {"cell_type": "code", "execution_count": None, "metadata": {},
                              "outputs": [], "source": add["source"]})
    for i, c in enumerate(cells):
        c.setdefault("id", f"cell-{i}")
    return nb


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def submissions_of(assignment_dir, bases, out_dir):
    """Writes every submissions/*.json of an assignment as a notebook; returns [(name, path, why)]."""
    out = []
    for spec_path in sorted(glob.glob(os.path.join(assignment_dir, "submissions", "*.json"))):
        name = os.path.splitext(os.path.basename(spec_path))[0]
        spec = load_json(spec_path)
        base = bases[spec.get("base", "student")]
        nb_path = os.path.join(out_dir, name, spec.get("file", "submission.ipynb"))
        write_json(nb_path, build_submission(base, spec))
        out.append((name, nb_path, spec.get("why", "")))
    return out


# ---------------------------------------------------------------- graders


def run(cmd, cwd=None, timeout=GRADING_TIMEOUT_S):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=timeout, env=reference_env())
    return p.returncode, p.stdout


def reference_env():
    env = dict(os.environ)
    # The kernel that runs notebooks must be this venv's (its kernel spec is inside the venv).
    env["JUPYTER_PATH"] = os.path.join(sys.prefix, "share", "jupyter")
    env["MPLBACKEND"] = "Agg"
    env.pop("PYTHONPATH", None)
    return env


def otter_run(notebook, autograder_zip):
    """`otter run` (otter-grader's local grading, no container): per question score / max_score."""
    out_dir = tempfile.mkdtemp(prefix="otter-run-")
    try:
        otter = os.path.join(os.path.dirname(sys.executable), "otter")
        rc, log = run([otter, "run", "--no-logo", "-a", autograder_zip, "-o", out_dir, notebook])
        results_path = os.path.join(out_dir, "results.json")
        if rc != 0 or not os.path.exists(results_path):
            return {"error": f"otter run exited {rc}: {log[-2000:]}"}
        results = load_json(results_path)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    questions = {}
    for t in results.get("tests", []):
        # "Public Tests" is a summary entry without a score (Gradescope shows it before release).
        if t.get("score") is None or t.get("max_score") is None:
            continue
        questions[t["name"]] = {"score": t["score"], "max_score": t["max_score"],
                                "visibility": t.get("visibility")}
    return {"questions": questions,
            "score": sum(q["score"] for q in questions.values()),
            "max_score": sum(q["max_score"] for q in questions.values())}


def gofer_grade(notebook, assignment_dir):
    """gofer.ok.grade_notebook in a child process, as gofer_service ran it (cwd = the assignment)."""
    rc, log = run([sys.executable, os.path.abspath(__file__), "--gofer-one", notebook, assignment_dir])
    lines = [l for l in log.splitlines() if l.startswith("GOFER-REFERENCE ")]
    if rc != 0 or not lines:
        return {"error": f"gofer-grader exited {rc}: {log[-2000:]}"}
    return json.loads(lines[-1][len("GOFER-REFERENCE "):])


def gofer_one(notebook, assignment_dir):
    """Child process: grade one notebook with gofer-grader and print its per-check results.

    grade_notebook returns only the mean. Its per-check results are the list it builds in the
    notebook's global environment (check_results_<secret>, extended in place with the tests the
    notebook never checked): we keep a reference to that environment to read them.
    """
    work = tempfile.mkdtemp(prefix="gofer-grade-")
    for entry in os.listdir(assignment_dir):
        src = os.path.join(assignment_dir, entry)
        if entry.endswith(".ipynb") or entry in ("submissions", "examples"):
            continue
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(work, entry))
    target = os.path.join(work, os.path.basename(notebook))
    shutil.copy(notebook, target)
    os.chdir(work)
    import gofer.ok as ok

    environments = []
    execute = ok.execute_notebook

    def keeping_environment(*args, **kwargs):
        env = execute(*args, **kwargs)
        environments.append(env)
        return env

    ok.execute_notebook = keeping_environment
    fraction = ok.grade_notebook(target, tests_glob=sorted(glob.glob("tests/q*.py")))
    checks = []
    for env in environments:
        for key, value in env.items():
            if key.startswith("check_results_") and isinstance(value, list):
                checks += [{"tests": [os.path.normpath(p) for p in r.paths], "grade": r.grade} for r in value]
    print("GOFER-REFERENCE " + json.dumps({"fraction": fraction, "checks": checks}), flush=True)


# ---------------------------------------------------------------- assignments


def otter_assign(source_dir, work_dir):
    """Runs the real `otter assign` on master.ipynb; returns (zip path, student nb, solution nb)."""
    src = os.path.join(work_dir, "source")
    shutil.copytree(source_dir, src, ignore=shutil.ignore_patterns("submissions"))
    otter = os.path.join(os.path.dirname(sys.executable), "otter")
    rc, log = run([otter, "assign", "master.ipynb", "dist"], cwd=src, timeout=ASSIGN_TIMEOUT_S)
    zips = glob.glob(os.path.join(src, "dist", "autograder", "*.zip"))
    if rc != 0 or len(zips) != 1:
        raise SystemExit(f"otter assign failed in {source_dir} (exit {rc}):\n{log[-4000:]}")
    return (zips[0], os.path.join(src, "dist", "student", "master.ipynb"),
            os.path.join(src, "dist", "autograder", "master.ipynb"))


def unpack_tests(autograder_zip, out_dir):
    """The zip's tests/, for FidelityIT to read (Gofer itself imports the zip)."""
    tests = os.path.join(out_dir, "tests")
    with zipfile.ZipFile(autograder_zip) as z:
        for name in z.namelist():
            if name.startswith("tests/") and not name.endswith("/"):
                target = os.path.join(tests, name[len("tests/"):])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with z.open(name) as s, open(target, "wb") as d:
                    shutil.copyfileobj(s, d)
    return tests


def otter_assignment(name, source_dir, work):
    zip_path, student, solution = otter_assign(source_dir, os.path.join(work, name))
    tests = unpack_tests(zip_path, os.path.join(work, name))
    bases = {"student": load_json(student), "solution": load_json(solution)}
    subs = submissions_of(source_dir, bases, os.path.join(work, name, "submissions"))
    return {"name": name, "grader": "otter", "tests_dir": tests, "autograder_zip": zip_path,
            "jobs": [(s, lambda nb=s[1]: otter_run(nb, zip_path)) for s in subs]}


def gofer_assignment(name, source_dir, work):
    bases = {"student": load_json(os.path.join(source_dir, "student.ipynb"))}
    subs = submissions_of(source_dir, bases, os.path.join(work, name, "submissions"))
    support = os.path.join(work, name, "support")
    os.makedirs(support, exist_ok=True)
    for entry in os.listdir(source_dir):
        if entry not in ("tests", "submissions") and not entry.endswith(".ipynb") and not entry.endswith(".md"):
            shutil.copy(os.path.join(source_dir, entry), support)
    return {"name": name, "grader": "gofer", "tests_dir": os.path.join(source_dir, "tests"),
            "support_dir": support,
            "jobs": [(s, lambda nb=s[1]: gofer_grade(nb, source_dir)) for s in subs]}


def corpus_assignments(corpus, work):
    out = []
    basic = os.path.join(corpus, "gofer-grader-basic")
    if os.path.isdir(basic):
        expected = load_json(os.path.join(basic, "EXPECTED.json"))["submissions"]
        subs = [(os.path.splitext(os.path.basename(p))[0], p, f"EXPECTED.json: {expected.get('submissions/' + os.path.basename(p))}")
                for p in sorted(glob.glob(os.path.join(basic, "submissions", "*.ipynb")))]
        out.append({"name": "corpus-gofer-grader-basic", "grader": "gofer",
                    "tests_dir": os.path.join(basic, "tests"), "support_dir": None,
                    "expected": {s[0]: expected["submissions/" + os.path.basename(s[1])] for s in subs},
                    "jobs": [(s, lambda nb=s[1]: gofer_grade(nb, basic)) for s in subs]})
    example = os.path.join(corpus, "otter-assign-example")
    if os.path.isdir(example):
        # The corpus keeps the autograder zip's contents; zip them as `otter assign` lays them out.
        # student_file.py is a student file in upstream's config (handed in beside the notebook):
        # here it goes in files/ so that both graders find it beside the notebook.
        zip_path = os.path.join(work, "corpus-otter-assign-example", "autograder.zip")
        os.makedirs(os.path.dirname(zip_path), exist_ok=True)
        with zipfile.ZipFile(zip_path, "w") as z:
            for t in sorted(glob.glob(os.path.join(example, "tests", "*.py"))):
                z.write(t, "tests/" + os.path.basename(t))
            z.write(os.path.join(example, "autograder-zip-otter_config.json"), "otter_config.json")
            for f in ("data.csv", "student_file.py"):
                z.write(os.path.join(example, "autograder", f), "files/" + f)
        tests = unpack_tests(zip_path, os.path.join(work, "corpus-otter-assign-example"))
        expected = load_json(os.path.join(example, "EXPECTED.json"))["submissions"]
        subs = [("solution", os.path.join(example, "autograder", "example.ipynb"), expected["autograder/example.ipynb"]["why"]),
                ("student", os.path.join(example, "student", "example.ipynb"), expected["student/example.ipynb"]["why"])]
        out.append({"name": "corpus-otter-assign-example", "grader": "otter", "tests_dir": tests,
                    "autograder_zip": zip_path,
                    "expected": {"solution": expected["autograder/example.ipynb"]["total"],
                                 "student": expected["student/example.ipynb"]["total"]},
                    "jobs": [(s, lambda nb=s[1]: otter_run(nb, zip_path)) for s in subs]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--assignments", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    assignments = []
    for entry in sorted(os.listdir(args.assignments)):
        source = os.path.abspath(os.path.join(args.assignments, entry))
        if os.path.exists(os.path.join(source, "master.ipynb")):
            assignments.append(otter_assignment(entry, source, work))
        elif os.path.isdir(os.path.join(source, "tests")):
            assignments.append(gofer_assignment(entry, source, work))
    if args.corpus:
        assignments += corpus_assignments(os.path.abspath(args.corpus), work)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {(a["name"], sub[0]): pool.submit(job) for a in assignments for sub, job in a["jobs"]}
        manifest = {"versions": versions(), "assignments": []}
        for a in assignments:
            entry = {k: v for k, v in a.items() if k != "jobs"}
            entry["submissions"] = []
            for (name, notebook, why), _ in a["jobs"]:
                result = futures[(a["name"], name)].result()
                entry["submissions"].append({"name": name, "notebook": notebook, "why": why, "reference": result})
            manifest["assignments"].append(entry)
    write_json(os.path.abspath(args.out), manifest)


def versions():
    from importlib.metadata import version
    return {p: version(p) for p in ("otter-grader", "gofer-grader", "ipython", "numpy", "pandas", "datascience")} | {
        "python": sys.version.split()[0]}


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--gofer-one":
        gofer_one(os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3]))
    else:
        main()
