"""Scores per test file under gofer-grader's or otter-grader's rules (README: Scoring rules)."""
import textwrap

from .checking import cap

EPSILON = 1e-9


def choose_mode(requested, test_files):
    if requested in ("gofer", "otter"):
        return requested
    return "otter" if any(t.ok_format for t in test_files) else "gofer"


def score_test(test, outcomes, mode, not_run_reason):
    """The results.json entry of one test file; outcomes is None when it did not run."""
    hidden = any(c.hidden for c in test.cases)
    if test.error:
        return _entry(test.name, 0.0, 1.0 if mode == "gofer" else _declared_points(test), hidden,
                      f"{test.name}: the test file cannot be used ({test.error})", [])
    if outcomes is None:
        outcomes = [None] * len(test.cases)
    cases, notes = [], []
    for case, outcome in zip(test.cases, outcomes):
        passed = bool(outcome and outcome.passed)
        if outcome is None:
            message = f"not run: {not_run_reason}"
        elif passed:
            message = case.success_message or "passed"
        else:
            message = (f"{case.failure_message}\n\n" if case.failure_message else "") + (outcome.message or "failed")
        cases.append({"name": case.name, "hidden": case.hidden, "passed": passed,
                      "points": case.points if mode == "otter" else 1.0 / len(test.cases),
                      "message": cap(message)})
        # otter's summary: a case's own message, success or failure, above its result
        note = case.success_message if passed else case.failure_message if outcome is not None else None
        notes.append(str(note) if note else None)
    all_passed = all(c["passed"] for c in cases)
    if mode == "gofer":
        score, possible = (1.0 if all_passed else 0.0), 1.0
    else:
        possible = sum(c["points"] for c in cases)
        if test.all_or_nothing:
            score = possible if all_passed else 0.0
        else:
            score = sum(c["points"] for c in cases if c["passed"])
    return _entry(test.name, score, possible, hidden, _summary(test.name, cases, notes, all_passed), cases)


def _declared_points(test):
    points = test.points
    if isinstance(points, bool):
        return 0.0
    if isinstance(points, (int, float)):
        return float(points)
    if isinstance(points, list):
        return float(sum(p for p in points if isinstance(p, (int, float)) and not isinstance(p, bool)))
    return 0.0


def _entry(name, score, possible, hidden, message, cases):
    return {"name": name, "score": float(score), "max_score": float(possible), "hidden": hidden,
            "passed": score >= possible - EPSILON and (possible > 0 or all(c["passed"] for c in cases)),
            "message": cap(message), "cases": cases}


def _summary(name, cases, notes, all_passed):
    """What the student reads, laid out as otter's TestFile.summary()."""
    if all_passed:
        lines = [f"{name} results: All test cases passed!"]
        lines += [f"{c['name']} message: {note}" for c, note in zip(cases, notes) if note]
        return "\n".join(lines)
    parts = []
    for c, note in zip(cases, notes):
        label = f"{c['name']}{' (hidden)' if c['hidden'] else ''}"
        part = f"{label} message: {note}\n\n" if note else ""
        if not c["passed"]:
            report = c["message"]
            if note and report.startswith(note):  # the failure message is already above
                report = report[len(note):].lstrip("\n")
            part += f"{label} result:\n" + textwrap.indent(report, "    ")
        if part:
            parts.append(part.strip())
    return f"{name} results:\n" + textwrap.indent("\n\n".join(parts), "    ")


def zero(entry):
    """The entry with no points: what is left when the runner's answers cannot be trusted."""
    entry = dict(entry)
    entry["score"] = 0.0
    entry["passed"] = False
    entry["cases"] = [dict(c, passed=False) for c in entry["cases"]]
    return entry
