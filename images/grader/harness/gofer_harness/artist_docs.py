"""matplotlib's Artist property docs, computed once when the image is built instead of per grading.

Each Artist subclass matplotlib defines builds, as the class is created, the signature and the
docstring of its `set()` from its setters' docstrings (`Artist.__init_subclass__`). That is about a
third of `import matplotlib.pyplot`: 0.2 s of CPU in every grading of a notebook that plots or
imports `datascience`, for the same text every time.

The image build records what these computations return for each class, in a fresh interpreter, and
keeps the record only if a second interpreter that replays it ends with the very same docstrings and
signatures everywhere in matplotlib as one that computed them (`build`). At grading time the runner
installs a hook (`install`) that answers these computations from the record for a class only while
the class is matplotlib's own, unchanged: same module and name, same set_/get_ functions from the same
source lines. Anything else (a student's subclass, a patched setter, another matplotlib) is computed
as matplotlib computes it.

    python3 -m gofer_harness.artist_docs build /opt/gofer/mpl-artist-docs.json
"""
import hashlib
import importlib.machinery
import json
import os
import sys

RECORD = "/opt/gofer/mpl-artist-docs.json"
# What the build imports, so that the classes notebooks create are in the record.
BUILD_IMPORTS = ("matplotlib.pyplot", "mpl_toolkits.mplot3d")
_MODULE = "matplotlib.artist"


def _key(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def fingerprint(cls):
    """Which functions the class's setters and getters are: name, qualified name and source line.

    Read from the class dictionaries along the MRO (what `getattr` would find first), without
    `dir()` and descriptor lookups: this runs for every Artist class a grading creates."""
    h = hashlib.sha1()
    seen = set()
    for klass in cls.__mro__:
        for name, value in vars(klass).items():
            if name in seen or not name.startswith(("set_", "get_")):
                continue
            seen.add(name)
            f = getattr(value, "__func__", value)
            code = getattr(f, "__code__", None)
            where = f"{code.co_filename}:{code.co_firstlineno}" if code is not None else type(f).__name__
            h.update(f"{name}={getattr(f, '__qualname__', '')}@{where};".encode("utf-8", "replace"))
    return h.hexdigest()


class _Answers:
    """Where each wrapped computation finds its answer: the record, or matplotlib itself.

    Without a record (while the build records) nothing is answered and everything is computed."""

    def __init__(self, mpl, record=None):
        self.classes = record["classes"] if record else {}
        self.mpl = mpl
        self.hardcopy = record["hardcopy"] if record else None
        self.verified = {}  # class -> its entry, once checked while matplotlib created it

    def entry(self, cls):
        if not isinstance(cls, type):
            return None
        if cls in self.verified:
            return self.verified[cls]
        return self.classes.get(_key(cls), {}).get(fingerprint(cls))

    def docs_entry(self, cls):
        if self.mpl.rcParams["docstring.hardcopy"] != self.hardcopy:
            return None
        return self.entry(cls)


def _wrap(artist_module, answers, recorder=None):
    """Wraps the three computations of `artist_module`: each answers from `answers` when it can,
    else computes, and hands what it computed to `recorder` (when the build records)."""
    inspector = artist_module.ArtistInspector
    computed_aliases, computed_setters = inspector.get_aliases, inspector.get_setters
    computed_kwdoc = artist_module.kwdoc
    computed_update = artist_module.Artist.__dict__["_update_set_signature_and_docstring"].__func__

    def get_aliases(self):
        entry = answers.verified.get(self.o)
        if entry is not None:
            return {name: set(aliases) for name, aliases in entry["aliases"].items()}
        result = computed_aliases(self)
        if recorder is not None:
            recorder(self.o, "aliases", {name: sorted(aliases) for name, aliases in result.items()})
        return result

    def get_setters(self):
        entry = answers.verified.get(self.o)
        if entry is not None:
            return list(entry["setters"])
        result = computed_setters(self)
        if recorder is not None:
            recorder(self.o, "setters", list(result))
        return result

    def kwdoc(artist):
        entry = answers.docs_entry(artist)
        if entry is not None and "kwdoc" in entry:
            return entry["kwdoc"]
        result = computed_kwdoc(artist)
        if recorder is not None and isinstance(artist, type):
            recorder(artist, "kwdoc", result)
        return result

    def update(cls):
        entry = answers.entry(cls)
        if entry is None or "setters" not in entry or "aliases" not in entry:
            return computed_update(cls)
        answers.verified[cls] = entry  # only while matplotlib creates the class
        try:
            return computed_update(cls)
        finally:
            del answers.verified[cls]

    for name, f in (("get_aliases", get_aliases), ("get_setters", get_setters)):
        f.__name__, f.__qualname__, f.__doc__ = name, f"ArtistInspector.{name}", getattr(inspector, name).__doc__
        setattr(inspector, name, f)
    kwdoc.__doc__, kwdoc.__module__ = computed_kwdoc.__doc__, computed_kwdoc.__module__
    artist_module.kwdoc = kwdoc
    update.__name__ = "_update_set_signature_and_docstring"
    update.__doc__ = computed_update.__doc__
    artist_module.Artist._update_set_signature_and_docstring = classmethod(update)


class _AfterArtist:
    """Runs `then(module)` right after matplotlib.artist executes, before any subclass exists.

    A finder on sys.meta_path (no importlib.abc base: importing it costs more than this whole hook)."""

    def __init__(self, then):
        self.then = then

    def find_spec(self, name, path=None, target=None):
        if name != _MODULE:
            return None
        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader_exec, then = spec.loader.exec_module, self.then

        def exec_module(module):
            loader_exec(module)
            try:
                then(module)
            except Exception:
                pass  # the record is an optimisation: without it matplotlib computes as always

        spec.loader.exec_module = exec_module
        return spec


def install(path=RECORD):
    """Answers from the record at `path` once matplotlib is imported; False when there is none."""
    if not os.path.isfile(path) or _MODULE in sys.modules:
        return False

    def replay(module):
        mpl = sys.modules["matplotlib"]
        with open(path, encoding="utf-8") as f:
            record = json.load(f)
        if record.get("matplotlib") == mpl.__version__:
            _wrap(module, _Answers(mpl, record))

    sys.meta_path.insert(0, _AfterArtist(replay))
    return True


def _record(out, imports=BUILD_IMPORTS):
    """Imports `imports` while recording each class's answers; writes them to `out`."""
    classes = {}
    conflicts = set()

    def recorder(cls, what, value):
        # By class and fingerprint: a class may gain setters after it was created (aliases added
        # by a decorator), and each state has its own answers.
        key = _key(cls)
        entry = classes.setdefault(key, {}).setdefault(fingerprint(cls), {})
        if entry.get(what, value) != value:
            conflicts.add(key)  # two classes of one name and one state: never answered
        entry[what] = value

    def record(module):
        _wrap(module, _Answers(sys.modules["matplotlib"]), recorder)

    sys.meta_path.insert(0, _AfterArtist(record))
    for name in imports:
        __import__(name)
    mpl = sys.modules["matplotlib"]
    for key in conflicts:
        classes.pop(key, None)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"matplotlib": mpl.__version__, "hardcopy": bool(mpl.rcParams["docstring.hardcopy"]),
                   "classes": classes}, f, sort_keys=True)


def digest(imports=BUILD_IMPORTS):
    """Every docstring and `set()` signature in matplotlib after `imports`, as one hash."""
    import inspect
    for name in imports:
        __import__(name)
    h = hashlib.sha256()
    for module_name in sorted(m for m in sys.modules if m.split(".")[0] in ("matplotlib", "mpl_toolkits")):
        module = sys.modules[module_name]
        for attr in sorted(vars(module)):
            value = vars(module)[attr]
            h.update(f"{module_name}.{attr}:{getattr(value, '__doc__', None) if callable(value) else ''}".encode())
            if isinstance(value, type):
                for member in sorted(vars(value)):
                    doc = getattr(vars(value)[member], "__doc__", None)
                    h.update(f"{member}:{doc if isinstance(doc, str) else ''}".encode())
                setter = getattr(value, "set", None)
                if callable(setter):
                    try:
                        h.update(str(inspect.signature(setter)).encode())
                    except (TypeError, ValueError):
                        pass
    return h.hexdigest()


def _run_fresh(code):
    """Runs `code` in a fresh interpreter that imports the harness; returns its standard output."""
    import subprocess
    harness = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=harness, MPLBACKEND="agg")
    return subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True,
                          timeout=300).stdout


def _digest_in_fresh_interpreter(record, imports=BUILD_IMPORTS):
    """The digest after `imports`, answered from the record at `record` (computed when it is empty)."""
    return _run_fresh("from gofer_harness import artist_docs as a\n"
                      f"if {record!r}: a.install({record!r})\n"
                      f"print(a.digest({tuple(imports)!r}))").strip()


def build(out, imports=BUILD_IMPORTS):
    """Records into `out`, then keeps it only if replaying it changes nothing; returns whether kept.

    A matplotlib that cannot be recorded (absent, or internals unlike these) leaves no record, and
    the image builds all the same: the gradings then compute the docs as matplotlib does."""
    import subprocess
    candidate = out + ".candidate"
    try:
        _run_fresh(f"from gofer_harness import artist_docs as a; a._record({candidate!r}, {tuple(imports)!r})")
        computed = _digest_in_fresh_interpreter("", imports)
        replayed = _digest_in_fresh_interpreter(candidate, imports)
    except subprocess.CalledProcessError as e:
        reason = (e.stderr or "").strip().splitlines()[-1:] or [f"exit status {e.returncode}"]
        computed, replayed = None, reason[0]
    except subprocess.TimeoutExpired as e:
        computed, replayed = None, f"no answer in {e.timeout:.0f} s"
    if computed is None or computed != replayed:
        if os.path.exists(candidate):
            os.remove(candidate)
        why = replayed if computed is None else f"replaying it changes matplotlib's docs ({computed} != {replayed})"
        print(f"artist_docs: no record kept ({why}); gradings compute the docs", file=sys.stderr)
        return False
    os.replace(candidate, out)
    return True


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "build":
        sys.exit("usage: python3 -m gofer_harness.artist_docs build OUT.json")
    build(sys.argv[2])
