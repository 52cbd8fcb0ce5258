"""Canary examples: questions whose answers only the supervisor knows.

They are sent to the runner mixed with the real test examples. An honest runner answers them
like any example; a runner whose evaluator was patched (print, repr, displayhook, builtins,
sys.settrace, the runner's own functions) gets some wrong, and then nothing it said can be
trusted. Canaries use literals and methods of literals only, so that a notebook that merely
shadows a builtin name (`len = 3`) does not trip them. The expected answer is computed here,
by this trusted process, on expressions it generated itself.
"""
import contextlib
import io
import random
import traceback

_WORDS = ["alpha", "basil", "cobalt", "delta", "ember", "fjord", "gamma", "hazel", "indigo",
          "jasper", "kelp", "lumen", "maple", "nectar", "onyx", "pepper", "quartz", "raven"]


def _templates(r):
    a, b, c = r.randint(2, 97), r.randint(2, 97), r.randint(2, 9)
    w, v = r.choice(_WORDS), r.choice(_WORDS)
    return [
        f"{a} * {b} - {c}",
        f"({a} + {b}) % {c}",
        f"{a} == {b + a + 1}",
        f"{a} != {a}",
        f"{a} < {b}",
        f"'{w}'.upper()",
        f"'{w}'[{c % len(w)}:]",
        f"'{w}' in '{v}{w}'",
        f"'-'.join(['{w}', '{v}'])",
        f"(lambda l: l.sort() or l)([{a}, {b}, {c}])",
        f"[{a}, {b}, {c}][::-1]",
        f"{{'{w}': {a}}}['{w}']",
        f"{{'{w}': {a}}}.get('{v}x')",
        f"({a}).bit_length()",
        f"'{w}'.count('{w[0]}')",
        f"{a} / {c}",
        f"{a} // 0",
        f"[{a}, {b}][{c + 2}]",
        f"{{}}['{w}']",
        f"__import__('builtins').print('{w}', {a})",
        f"__import__('builtins').print({a}, {b}, sep='{v[:2]}')",
        f"(lambda o: o == o)(__import__('builtins').object())",
        f"__import__('builtins').object() == {a}",
        f"{a} == __import__('builtins').object()",
        f"'{w}' == __import__('builtins').object()",
        f"(lambda n: n * {c})({a})",
        f"not {a} > {b}",
        f"({a}, '{w}')",
        f"'{w}'.startswith('{v[:2]}')",
        f"assert {a} == {a + 1}, '{w}'",
        f"if {a} > {b}:\n    __import__('builtins').print('{w}')\nelse:\n    __import__('builtins').print('{v}')\n",
    ]


def evaluate_trusted(source):
    """Doctest answer of a canary (stdout text, exception line) computed by the supervisor."""
    out = io.StringIO()
    exc = None
    namespace = {"__builtins__": __builtins__}
    with contextlib.redirect_stdout(out):
        try:
            import sys
            hook = sys.displayhook
            sys.displayhook = sys.__displayhook__
            try:
                exec(compile(source, "<canary>", "single"), namespace)
            finally:
                sys.displayhook = hook
        except Exception as e:
            exc = traceback.format_exception_only(type(e), e)[-1]
    return out.getvalue(), exc


class CanaryFactory:
    """Makes canaries from a private random generator."""

    def __init__(self, seed=None):
        self._random = random.SystemRandom() if seed is None else random.Random(seed)

    def make(self):
        """A list of canaries to ask in order (usually one; a name canary is a short sequence)."""
        if self._random.random() < 0.3:
            return self._name_sequence()
        source = self._random.choice(_templates(self._random))
        got, exc = evaluate_trusted(source)
        return [{"source": source, "out": got, "exc": exc}]

    def _name_sequence(self):
        r = self._random
        name = f"{r.choice(_WORDS)}_{r.choice(_WORDS)}{r.randint(10, 99)}"
        value = r.randint(3, 999)
        other = value + r.choice([-2, -1, 1, 7])
        checks = [(f"{name} == {value}", "True\n"), (f"{name} == {other}", "False\n"),
                  (f"{name} * 2", f"{value * 2}\n"), (f"{name} > {other}", f"{value > other}\n"),
                  (f"{name} % 2 == {value % 2}", "True\n")]
        sequence = [{"source": f"{name} = {value}", "out": "", "exc": None}]
        sequence += [{"source": s, "out": o, "exc": None} for s, o in r.sample(checks, 2)]
        sequence.append({"source": f"del {name}", "out": "", "exc": None})
        return sequence


    def chance(self):
        return self._random.random()
