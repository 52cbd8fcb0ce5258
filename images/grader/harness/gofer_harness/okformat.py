"""OK-format test files (okpy, gofer-grader, otter-grader): parsing and point resolution.

Runs in the supervisor only. Test files are the instructor's: their source is executed in a
dictionary with a handful of builtins, never in the runner.
"""
import doctest
import posixpath
import textwrap
from dataclasses import dataclass, field

_SAFE_BUILTINS = {
    "True": True, "False": False, "None": None, "dict": dict, "list": list, "tuple": tuple,
    "str": str, "int": int, "float": float, "bool": bool, "len": len, "range": range,
}
_PARSER = doctest.DocTestParser()


class TestFileError(Exception):
    """A test file cannot be used; the question scores 0 and says why."""


@dataclass
class Case:
    name: str
    examples: list
    hidden: bool
    points: object
    success_message: object = None
    failure_message: object = None
    setup: list = field(default_factory=list)
    teardown: list = field(default_factory=list)


@dataclass
class TestFile:
    name: str
    path: str
    ok_format: bool
    cases: list
    all_or_nothing: bool
    points: object
    error: object = None


def test_name(path):
    """q1 for tests/q1.py: the name notebooks pass to grader.check and gofer's file stem."""
    name = path[len("tests/"):] if path.startswith("tests/") else path
    return name[:-3] if name.endswith(".py") else name


def parse_examples(code, name):
    """The doctest examples of one piece of OK code (dedented as gofer and otter do)."""
    return [e for e in _PARSER.parse(textwrap.dedent(code or ""), name) if isinstance(e, doctest.Example)]


def load_test_file(path, source, otter_rules):
    """Parses one test file; a broken file becomes a TestFile with `error` set.

    Under otter's rules (otter-grader 7's OKTestFile) a case without `hidden` is hidden and a
    test without `all_or_nothing` gives partial credit; under gofer-grader's, cases are visible
    and a test file passes only as a whole.
    """
    name = test_name(path)
    try:
        namespace = {"__builtins__": dict(_SAFE_BUILTINS)}
        exec(compile(source, posixpath.basename(path), "exec"), namespace)
        spec = namespace.get("test")
        if not isinstance(spec, dict):
            raise TestFileError("defines no 'test' dictionary")
        cases = _cases(spec, name, hidden_default=otter_rules)
        points = resolve_points(spec.get("points"), [c.points for c in cases])
        for case, pts in zip(cases, points):
            case.points = pts
        return TestFile(name, path, namespace.get("OK_FORMAT") is True, cases,
                        bool(spec.get("all_or_nothing", not otter_rules)), spec.get("points"))
    except Exception as e:  # an instructor's broken file must not stop grading the others
        return TestFile(name, path, False, [], True, None, error=f"{type(e).__name__}: {e}")


def _cases(spec, name, hidden_default):
    suites = spec.get("suites")
    if not isinstance(suites, list) or not suites:
        raise TestFileError("has no suites")
    cases = []
    for suite in suites:
        if not isinstance(suite, dict):
            raise TestFileError("a suite is not a dictionary")
        if suite.get("type", "doctest") != "doctest":
            raise TestFileError(f"suite type {suite.get('type')!r} is not supported (only doctest)")
        # `scored` is not read: okpy skips unscored suites, but neither gofer-grader nor otter
        # does, and their scores are the ones to reproduce.
        setup = parse_examples(suite.get("setup"), f"{name} setup")
        teardown = parse_examples(suite.get("teardown"), f"{name} teardown")
        for raw in suite.get("cases") or []:
            if not isinstance(raw, dict) or not isinstance(raw.get("code"), str):
                raise TestFileError("a case has no code")
            number = len(cases) + 1
            points = raw.get("points")
            if points is not None and (isinstance(points, bool) or not isinstance(points, (int, float))):
                raise TestFileError(f"case {number} has invalid points {points!r}")
            cases.append(Case(
                name=str(raw.get("name") or f"{spec.get('name', name)} - {number}"),
                examples=parse_examples(raw["code"], f"{name} {number}"),
                hidden=bool(raw.get("hidden", hidden_default)),
                points=points,
                success_message=raw.get("success_message"),
                failure_message=raw.get("failure_message"),
                setup=setup, teardown=teardown))
    if not cases:
        raise TestFileError("has no test cases")
    return cases


def resolve_points(total, case_points):
    """Point value of every case, following otter-grader's documented rules.

    - a list gives each case its points (its length must match the cases);
    - a number is the test's total: cases with their own points keep them, the remainder is
      shared equally by the cases without points;
    - None: cases keep their own points; if no case has any, the test is worth 1 shared
      equally, otherwise cases without points are worth 0.
    """
    points = list(case_points)
    if isinstance(total, list):
        if len(total) != len(points):
            raise TestFileError(f"points list has {len(total)} entries for {len(points)} cases")
        points = [p for p in total]
        total = None
    elif total is not None and (isinstance(total, bool) or not isinstance(total, (int, float))):
        raise TestFileError(f"points {total!r} is neither a number, a list nor None")
    for p in points:
        if p is not None and (isinstance(p, bool) or not isinstance(p, (int, float))):
            raise TestFileError(f"case points {p!r} is not a number")
    fixed = sum(p for p in points if p is not None)
    unset = sum(1 for p in points if p is None)
    if total is not None:
        if fixed > total:
            raise TestFileError(f"cases claim {fixed} points, more than the test's {total}")
        share = (total - fixed) / unset if unset else 0.0
    elif fixed == 0 and all(p in (0, None) for p in points):
        share = 1.0 / unset if unset else 0.0
    else:
        share = 0.0
    return [float(p) if p is not None else float(share) for p in points]
