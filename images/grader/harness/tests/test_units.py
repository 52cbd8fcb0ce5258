"""Unit tests of the supervisor's pieces (run inside the image, see README)."""
import doctest
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from gofer_harness import artist_docs, canary, checking, job, okformat, report, runner, scoring, workspace  # noqa: E402


def example(source, want):
    return doctest.Example(source, want)


class ResolvePointsTest(unittest.TestCase):
    def test_number_is_spread_over_cases_without_points(self):
        self.assertEqual(okformat.resolve_points(1, [None, None]), [0.5, 0.5])
        self.assertEqual(okformat.resolve_points(10, [4, None, None]), [4.0, 3.0, 3.0])

    def test_list_gives_each_case_its_points(self):
        self.assertEqual(okformat.resolve_points([10, 2], [None, None]), [10.0, 2.0])
        with self.assertRaises(okformat.TestFileError):
            okformat.resolve_points([1], [None, None])

    def test_none_keeps_case_points_and_others_get_zero(self):
        self.assertEqual(okformat.resolve_points(None, [2, 3, 1, 10, None, None]),
                         [2.0, 3.0, 1.0, 10.0, 0.0, 0.0])

    def test_none_without_any_points_is_one_shared(self):
        self.assertEqual(okformat.resolve_points(None, [None, None, None, None]), [0.25] * 4)

    def test_more_case_points_than_total_is_an_error(self):
        with self.assertRaises(okformat.TestFileError):
            okformat.resolve_points(1, [2, None])


class LoadTestFileTest(unittest.TestCase):
    SOURCE = '''OK_FORMAT = True
test = {"name": "q1", "points": None, "all_or_nothing": False, "suites": [{"cases": [
    {"code": ">>> 1 + 1\\n2", "points": 2},
    {"code": ">>> x\\n3", "hidden": True, "points": 1, "failure_message": "nope"}],
  "scored": True, "setup": "", "teardown": "", "type": "doctest"}]}
'''

    def test_parses_cases_examples_and_flags(self):
        t = okformat.load_test_file("tests/q1.py", self.SOURCE, otter_rules=True)
        self.assertIsNone(t.error)
        self.assertTrue(t.ok_format)
        self.assertEqual(t.name, "q1")
        self.assertFalse(t.all_or_nothing)
        self.assertEqual([c.points for c in t.cases], [2.0, 1.0])
        self.assertEqual([c.hidden for c in t.cases], [True, True])
        self.assertEqual(t.cases[0].examples[0].source, "1 + 1\n")

    def test_defaults_follow_the_rules_of_the_grader(self):
        source = 'test = {"name": "q1", "suites": [{"cases": [{"code": ">>> 1\\n1"}]}]}'
        otter = okformat.load_test_file("tests/q1.py", source, otter_rules=True)
        gofer = okformat.load_test_file("tests/q1.py", source, otter_rules=False)
        # otter-grader 7: hidden unless a case says otherwise, partial credit unless all_or_nothing
        self.assertEqual((otter.cases[0].hidden, otter.all_or_nothing), (True, False))
        self.assertEqual((gofer.cases[0].hidden, gofer.all_or_nothing), (False, True))

    def test_unscored_suites_count_as_in_gofer_grader_and_otter(self):
        source = ('test = {"name": "q1", "points": 2, "suites": [{"cases": [{"code": ">>> 1\\n1"}, '
                  '{"code": ">>> 2\\n2"}], "scored": False, "type": "doctest"}]}')
        t = okformat.load_test_file("tests/q1.py", source, otter_rules=True)
        self.assertIsNone(t.error)
        self.assertEqual([c.points for c in t.cases], [1.0, 1.0])

    def test_tab_indented_doctests_parse_as_doctest_parses_them(self):
        code = "\t>>> for i in range(2):\n\t...\tprint(i)\n\t0\n\t1\n\t>>> x\n\t3"
        source = "test = {'name': 'q1', 'suites': [{'cases': [{'code': %r}]}]}" % code
        t = okformat.load_test_file("tests/q1.py", source, otter_rules=True)
        self.assertIsNone(t.error)
        reference = [e for e in doctest.DocTestParser().parse(textwrap.dedent(code)) if isinstance(e, doctest.Example)]
        self.assertEqual([(e.source, e.want) for e in t.cases[0].examples],
                         [(e.source, e.want) for e in reference])
        self.assertEqual([e.source for e in reference], ["for i in range(2):\n    print(i)\n", "x\n"])

    def test_setup_and_teardown_belong_to_every_case(self):
        source = ('test = {"name": "q1", "suites": [{"cases": [{"code": ">>> y\\n5"}, {"code": ">>> y\\n5"}], '
                  '"setup": ">>> y = 5", "teardown": ">>> del y"}]}')
        t = okformat.load_test_file("tests/q1.py", source, otter_rules=False)
        self.assertEqual([[e.source for e in c.setup] for c in t.cases], [["y = 5\n"], ["y = 5\n"]])
        self.assertEqual([[e.source for e in c.teardown] for c in t.cases], [["del y\n"], ["del y\n"]])

    def test_broken_file_is_reported_not_raised(self):
        t = okformat.load_test_file("tests/q9.py", "import os\ntest = 1", otter_rules=False)
        self.assertIsNotNone(t.error)

    def test_file_cannot_reach_builtins(self):
        t = okformat.load_test_file("tests/q9.py", "open('/etc/passwd')\ntest = {}", otter_rules=False)
        self.assertIn("NameError", t.error)


class VerdictTest(unittest.TestCase):
    def test_matching_output_passes(self):
        self.assertEqual(checking.verdict(example("x == 1\n", "True\n"), "True\n", None), (True, ""))

    def test_wrong_output_fails_with_doctest_report(self):
        passed, text = checking.verdict(example("x == 1\n", "True\n"), "False\n", None)
        self.assertFalse(passed)
        self.assertIn("Expected:\n    True\nGot:\n    False", text)

    def test_default_flags_are_doctests_own(self):
        # gofer-grader and otter run doctest without NORMALIZE_WHITESPACE
        self.assertFalse(checking.verdict(example("s\n", "'a  b'\n"), "'a b'\n", None)[0])
        self.assertTrue(checking.verdict(example("l\n", "[1, 2]\n"), "[1, 2]\n", None)[0])

    def test_unexpected_exception_fails(self):
        passed, text = checking.verdict(example("f()\n", "1\n"), "", "NameError: name 'f' is not defined\n")
        self.assertFalse(passed)
        self.assertIn("Exception raised", text)

    def test_expected_exception_passes(self):
        ex = doctest.DocTestParser().get_examples(
            ">>> 1/0\nTraceback (most recent call last):\n ...\nZeroDivisionError: division by zero\n")[0]
        self.assertTrue(checking.verdict(ex, "", "ZeroDivisionError: division by zero\n")[0])

    def test_assert_statement_passes_silently(self):
        self.assertTrue(checking.verdict(example("assert x == 1\n", ""), "", None)[0])


class EqualityProbesTest(unittest.TestCase):
    def test_probes_names_and_attributes_not_calls(self):
        probes = checking.equality_probes("x == 42 and f(y) == 3 and obj.attr != 1\n")
        sources = [p for p, _ in probes]
        self.assertIn("(x) == __import__('builtins').object()", sources)
        self.assertIn("(obj.attr) != __import__('builtins').object()", sources)
        self.assertFalse(any("f(y)" in s for s in sources))

    def test_no_comparison_no_probe(self):
        self.assertEqual(checking.equality_probes("square(4)\n"), [])


class CanaryTest(unittest.TestCase):
    def test_the_runners_evaluator_answers_every_canary(self):
        from gofer_harness import runner
        factory = canary.CanaryFactory(seed=7)
        namespace = {"len": 3, "print": None, "sorted": "shadowed names do not matter"}
        for _ in range(300):
            for c in factory.make():
                out, exc = runner.evaluate(namespace, c["source"])
                self.assertTrue(checking.canary_verdict(c, out, exc), (c, out, exc))

    def test_a_runner_that_always_says_true_is_caught(self):
        factory = canary.CanaryFactory(seed=3)
        wrong = 0
        for _ in range(20):
            for c in factory.make():
                wrong += not checking.canary_verdict(c, "True\n", None)
        self.assertGreater(wrong, 5)


class JobTest(unittest.TestCase):
    def test_rejects_escaping_paths(self):
        for bad in ["/etc/passwd", "../x", "a/../../x", "a//b", "./a", "", "a\\b"]:
            with self.assertRaises(job.JobError, msg=bad):
                job.check_relative_path(bad)
        self.assertEqual(job.check_relative_path("data/a.csv"), "data/a.csv")

    def test_parse_fills_default_limits(self):
        line = b'{"protocol": 1, "secret": "' + b"a" * 64 + b'", "notebook": {"cells": []}}'
        parsed = job.parse_job(line)
        self.assertEqual(parsed["limits"]["cell_timeout_s"], 30)
        self.assertEqual(parsed["tests"], [])

    def test_seed_variable_needs_a_seed_and_a_name(self):
        base = b'{"protocol": 1, "secret": "' + b"a" * 64 + b'", "notebook": {"cells": []}'
        parsed = job.parse_job(base + b', "seed": 42, "seed_variable": "rng_seed"}')
        self.assertEqual((parsed["seed"], parsed["seed_variable"]), (42, "rng_seed"))
        for bad in [b', "seed_variable": "x"}', b', "seed": 1, "seed_variable": "not a name"}',
                    b', "seed": 1, "seed_variable": 3}']:
            with self.assertRaises(job.JobError, msg=bad):
                job.parse_job(base + bad)

    def test_reads_only_up_to_the_newline(self):
        r, w = os.pipe()
        os.write(w, b'{"a": 1}\nrest that is not read')
        self.assertEqual(job.read_job_line(r), b'{"a": 1}')
        os.close(r)
        os.close(w)


class WorkspaceTest(unittest.TestCase):
    def test_refuses_to_follow_symlinks(self):
        with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as outside:
            os.symlink(outside, os.path.join(d, "link"))
            with self.assertRaises(OSError):
                workspace.write_file(d, "link/x.txt", b"x")
            os.symlink(os.path.join(outside, "f"), os.path.join(d, "f"))
            with self.assertRaises(OSError):
                workspace.write_file(d, "f", b"x")
            self.assertEqual(os.listdir(outside), [])
            workspace.write_file(d, "sub/dir/ok.txt", b"fine")
            with open(os.path.join(d, "sub/dir/ok.txt"), "rb") as f:
                self.assertEqual(f.read(), b"fine")


class HomeCachesTest(unittest.TestCase):
    def test_copies_the_image_caches_into_home(self):
        with tempfile.TemporaryDirectory() as source, tempfile.TemporaryDirectory() as home:
            os.makedirs(os.path.join(source, "matplotlib"))
            with open(os.path.join(source, "matplotlib", "fontlist.json"), "w") as f:
                f.write("{}")
            self.assertTrue(workspace.seed_home_caches(home, source))
            self.assertTrue(os.path.isfile(os.path.join(home, ".cache", "matplotlib", "fontlist.json")))

    def test_an_image_without_caches_changes_nothing(self):
        with tempfile.TemporaryDirectory() as home:
            self.assertFalse(workspace.seed_home_caches(home, os.path.join(home, "absent")))
            self.assertEqual(os.listdir(home), [])

    @unittest.skipUnless(os.path.isdir(workspace.IMAGE_CACHES), "only in the grading image")
    def test_matplotlib_uses_the_seeded_font_list_as_it_is(self):
        with tempfile.TemporaryDirectory() as home:
            self.assertTrue(workspace.seed_home_caches(home))
            cache = os.path.join(home, ".cache", "matplotlib")
            before = {n: os.stat(os.path.join(cache, n)).st_mtime_ns for n in os.listdir(cache)}
            self.assertTrue(any(n.startswith("fontlist-") for n in before), before)
            env = dict(os.environ, HOME=home)
            env.pop("MPLCONFIGDIR", None)
            subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
            after = {n: os.stat(os.path.join(cache, n)).st_mtime_ns for n in os.listdir(cache)}
            self.assertEqual(after, before)  # read, not rebuilt: same files, none rewritten


def _in_fresh_interpreter(code, record=""):
    """Runs `code` after artist_docs.install(record) (none when empty); returns its stdout."""
    prelude = f"from gofer_harness import artist_docs\nif {record!r}: assert artist_docs.install({record!r})\n"
    return artist_docs._run_fresh(prelude + textwrap.dedent(code))


class ArtistDocsTest(unittest.TestCase):
    def test_without_a_record_nothing_is_installed(self):
        with tempfile.TemporaryDirectory() as d:
            before = list(sys.meta_path)
            self.assertFalse(artist_docs.install(os.path.join(d, "absent.json")))
            self.assertEqual(sys.meta_path, before)

    def test_the_fingerprint_follows_the_setters(self):
        class A:
            def set_x(self, v):
                pass

            def get_x(self):
                pass

        class B(A):
            pass

        class C(A):
            def set_x(self, v):
                pass

        self.assertEqual(artist_docs.fingerprint(A), artist_docs.fingerprint(B))
        self.assertNotEqual(artist_docs.fingerprint(A), artist_docs.fingerprint(C))
        B.set_y = lambda self, v: None
        self.assertNotEqual(artist_docs.fingerprint(A), artist_docs.fingerprint(B))

    def test_what_cannot_be_recorded_leaves_no_record_and_no_error(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "record.json")
            self.assertFalse(artist_docs.build(out, imports=("gofer_no_such_module",)))
            self.assertEqual(os.listdir(d), [])

    @unittest.skipUnless(os.path.isfile(artist_docs.RECORD), "only in the grading image")
    def test_the_image_record_changes_no_doc_and_a_wrong_one_is_caught(self):
        computed = artist_docs._digest_in_fresh_interpreter("")
        self.assertEqual(artist_docs._digest_in_fresh_interpreter(artist_docs.RECORD), computed)
        with open(artist_docs.RECORD, encoding="utf-8") as f:
            record = json.load(f)
        self.assertGreater(len(record["classes"]), 50)
        for state in record["classes"]["matplotlib.lines.Line2D"].values():
            if "kwdoc" in state:
                state["kwdoc"] += "  tampered: 1"
        with tempfile.TemporaryDirectory() as d:
            wrong = os.path.join(d, "wrong.json")
            with open(wrong, "w", encoding="utf-8") as f:
                json.dump(record, f)
            self.assertNotEqual(artist_docs._digest_in_fresh_interpreter(wrong), computed)

    @unittest.skipUnless(os.path.isfile(artist_docs.RECORD), "only in the grading image")
    def test_classes_not_as_recorded_are_computed_as_matplotlib_does(self):
        code = """
            import matplotlib.artist, matplotlib.lines
            class Mine(matplotlib.lines.Line2D):
                def set_sparkle(self, value):
                    "Set the sparkle.\\n\\nParameters\\n----------\\nvalue : float"
            matplotlib.lines.Line2D.set_glow = lambda self, value: None
            print("sparkle" in Mine.set.__doc__, "sparkle" in str(__import__("inspect").signature(Mine.set)),
                  "glow" in matplotlib.artist.kwdoc(matplotlib.lines.Line2D),
                  "glow" in matplotlib.artist.ArtistInspector(matplotlib.lines.Line2D).get_setters())
        """
        self.assertEqual(_in_fresh_interpreter(code, artist_docs.RECORD).split(), ["True"] * 4)
        self.assertEqual(_in_fresh_interpreter(code).split(), ["True"] * 4)


class ReportTest(unittest.TestCase):
    def test_signed_line_verifies_only_with_the_secret(self):
        line = report.sign({"score": 1.0}, "s" * 64)
        self.assertEqual(report.verify(line, "s" * 64), {"score": 1.0})
        self.assertIsNone(report.verify(line, "t" * 64))
        forged = line.replace(line.split(" ")[3].strip(), "eyJzY29yZSI6IDEwMH0=")
        self.assertIsNone(report.verify(forged, "s" * 64))


class ScoringTest(unittest.TestCase):
    def _test(self, all_or_nothing):
        source = ('OK_FORMAT = True\ntest = {"name": "q", "points": [3, 1], "all_or_nothing": %r, "suites": '
                  '[{"cases": [{"code": ">>> 1\\n1"}, {"code": ">>> 2\\n2"}], "type": "doctest"}]}'
                  % all_or_nothing)
        return okformat.load_test_file("tests/q.py", source, otter_rules=True)

    def _outcomes(self, *passed):
        from gofer_harness.test_phase import CaseOutcome
        return [CaseOutcome(p, "" if p else "failed") for p in passed]

    def test_otter_partial_credit(self):
        entry = scoring.score_test(self._test(False), self._outcomes(True, False), "otter", "")
        self.assertEqual((entry["score"], entry["max_score"], entry["passed"]), (3.0, 4.0, False))

    def test_otter_all_or_nothing(self):
        entry = scoring.score_test(self._test(True), self._outcomes(True, False), "otter", "")
        self.assertEqual((entry["score"], entry["max_score"]), (0.0, 4.0))

    def test_gofer_file_is_one_check(self):
        entry = scoring.score_test(self._test(False), self._outcomes(True, True), "gofer", "")
        self.assertEqual((entry["score"], entry["max_score"], entry["passed"]), (1.0, 1.0, True))

    def test_summary_shows_case_messages_as_otter_does(self):
        source = ('OK_FORMAT = True\ntest = {"name": "q", "suites": [{"cases": ['
                  '{"code": ">>> 1\\n1", "success_message": "Well done", "failure_message": "Look again"}, '
                  '{"code": ">>> 2\\n2", "failure_message": "Check the type", "hidden": False}]}]}')
        t = okformat.load_test_file("tests/q.py", source, otter_rules=True)
        mixed = scoring.score_test(t, self._outcomes(True, False), "otter", "")["message"]
        self.assertIn("q - 1 (hidden) message: Well done", mixed)
        self.assertIn("q - 2 message: Check the type\n\n    q - 2 result:\n        failed", mixed)
        self.assertNotIn("Look again", mixed)
        passed = scoring.score_test(t, self._outcomes(True, True), "otter", "")["message"]
        self.assertEqual(passed, "q results: All test cases passed!\nq - 1 message: Well done")

    def test_not_run_cases_score_nothing_and_say_why(self):
        entry = scoring.score_test(self._test(False), None, "otter", "the notebook's process exited")
        self.assertEqual(entry["score"], 0.0)
        self.assertIn("exited", entry["cases"][0]["message"])


class WarmImportsTest(unittest.TestCase):
    """The runner's warm imports go on while the container waits and stop once its job is there."""

    def pipe(self):
        r, w = os.pipe()
        self.addCleanup(os.close, r)
        self.addCleanup(os.close, w)
        return r, w

    def test_imports_everything_while_no_job_waits(self):
        r, _ = self.pipe()
        self.assertEqual(runner._preimport(r, (("json", 0.0), ("decimal", 0.05))), ["json", "decimal"])
        self.assertIn("decimal", sys.modules)

    def test_stops_as_soon_as_a_job_waits(self):
        r, w = self.pipe()
        os.write(w, b"x")
        sys.modules.pop("fractions", None)
        self.assertEqual(runner._preimport(r, (("fractions", 0.0),)), [])
        self.assertNotIn("fractions", sys.modules)
        self.assertEqual(os.read(r, 1), b"x", "the waiting message is left for the runner to read")

    def test_a_module_that_fails_to_import_is_skipped(self):
        r, _ = self.pipe()
        self.assertEqual(runner._preimport(r, (("no_such_module_here", 0.0), ("json", 0.0))), ["json"])

    def test_a_job_arriving_during_the_idle_wait_skips_the_rest(self):
        r, w = self.pipe()
        sys.modules.pop("fractions", None)
        timer = threading.Timer(0.05, os.write, (w, b"x"))
        timer.start()
        self.addCleanup(timer.cancel)
        started = time.monotonic()
        self.assertEqual(runner._preimport(r, (("json", 0.0), ("fractions", 5.0))), ["json"])
        self.assertLess(time.monotonic() - started, 2.0, "the wait ends when the job arrives")
        self.assertNotIn("fractions", sys.modules)

    def test_the_service_may_name_the_warm_imports(self):
        self.assertEqual(runner.warm_imports({}), runner.WARM_IMPORTS)
        self.assertEqual(runner.warm_imports({"GOFER_WARM_IMPORTS": "numpy"}), (("numpy", 0.0),))
        self.assertEqual(runner.warm_imports({"GOFER_WARM_IMPORTS": ""}), ())
        self.assertEqual(runner.warm_imports({"GOFER_WARM_IMPORTS": "numpy:0, matplotlib.pyplot:1.5"}),
                         (("numpy", 0.0), ("matplotlib.pyplot", 1.5)))

    def test_unreadable_warm_imports_are_left_out(self):
        spec = "os;rm,numpy:soon,pandas:-1,scipy:nan,json:1e9,../x,math:2"
        self.assertEqual(runner.warm_imports({"GOFER_WARM_IMPORTS": spec}), (("math", 2.0),))


if __name__ == "__main__":
    unittest.main()
