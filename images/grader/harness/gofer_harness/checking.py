"""Doctest's verdict on one example, given what the runner answered.

Mirrors doctest.DocTestRunner's comparison (same OutputChecker, same handling of expected
exceptions and of per-example option directives) so that scores match gofer-grader and
otter-grader, which run doctest with its default option flags.
"""
import ast
import doctest
import textwrap

DEFAULT_FLAGS = 0  # gofer-grader and otter-grader: DocTestRunner(verbose=True), no option flags
_CHECKER = doctest.OutputChecker()


def flags_for(example, base=DEFAULT_FLAGS):
    flags = base
    for flag, on in (example.options or {}).items():
        flags = flags | flag if on else flags & ~flag
    return flags


def _strip_detail(msg):
    # doctest._strip_exception_details: keep the exception type's last dotted part only
    start, end = 0, len(msg)
    i = msg.find("\n")
    if i >= 0:
        end = i
    i = msg.find(":", 0, end)
    if i >= 0:
        end = i
    i = msg.rfind(".", 0, end)
    if i >= 0:
        start = i + 1
    return msg[start:end]


def verdict(example, out, exc):
    """(passed, report) for an example; report is doctest's failure text, '' when passed."""
    flags = flags_for(example)
    if flags & doctest.SKIP:
        return True, ""
    if exc is None:
        if _CHECKER.check_output(example.want, out, flags):
            return True, ""
        return False, _report(example, _CHECKER.output_difference(example, out, flags))
    if example.exc_msg is None:
        return False, _report(example, "Exception raised:\n" + textwrap.indent(
            out + "Traceback (most recent call last):\n  ...\n" + exc, "    "))
    if _CHECKER.check_output(example.exc_msg, exc, flags):
        return True, ""
    if flags & doctest.IGNORE_EXCEPTION_DETAIL and \
            _CHECKER.check_output(_strip_detail(example.exc_msg), _strip_detail(exc), flags):
        return True, ""
    got = out + "Traceback (most recent call last):\n  ...\n" + exc
    return False, _report(example, _CHECKER.output_difference(example, got, flags))


def _report(example, difference):
    return "Failed example:\n" + textwrap.indent(example.source, "    ") + difference


def canary_verdict(canary, out, exc):
    if canary["exc"] is not None or exc is not None:
        return exc == canary["exc"] and out == canary["out"]
    return out == canary["out"]


_OBJECT = "__import__('builtins').object()"


def equality_probes(source, limit=3):
    """Probes for objects that compare equal to anything, after a passing comparison example.

    For each operand of `==` / `!=` that is a name, attribute or subscript (evaluating it again
    has no side effects), returns (probe source, output that betrays a rigged __eq__/__ne__):
    no honest value is equal to a fresh object(), and each is unequal to it.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    probes = []
    seen = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left] + list(node.comparators)
        for i, op in enumerate(node.ops):
            if not isinstance(op, (ast.Eq, ast.NotEq)):
                continue
            for operand in (operands[i], operands[i + 1]):
                if not _plain_value(operand):
                    continue
                text = ast.unparse(operand)
                if isinstance(op, ast.Eq):
                    probe = (f"({text}) == {_OBJECT}", "True\n")
                else:
                    probe = (f"({text}) != {_OBJECT}", "False\n")
                if probe not in seen:
                    seen.add(probe)
                    probes.append(probe)
    return probes[:limit]


def _plain_value(node):
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Attribute):
        return _plain_value(node.value)
    if isinstance(node, ast.Subscript):
        return _plain_value(node.value) and isinstance(node.slice, ast.Constant)
    return False


def cap(text, limit=4096):
    if text is None or len(text) <= limit:
        return text
    return text[:limit - 40] + f"\n... ({len(text) - limit + 40} more characters)"
