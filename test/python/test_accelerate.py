"""accelerate() on CPython (with force=True the same code as on PyPy runs
here): parity with the original for every function over good and bad calls;
the default changes nothing; reports; restore; bail; the import hook."""
# First: fixtures puts test/support, the package and test/e2e on sys.path.
from fixtures import shapes, shapes_so  # noqa: F401 (fixtures)
import re
import subprocess
import sys
import types

import pytest

import bag
import pyunbox
from pyunbox import fastpath as acc_mod
from pyunbox._format import make_record
from expected import ALL, ARITY, MEMORY, MINED, NAMES, REFUSED, PYERR
from pyunbox_testkit.outcome import outcome
from pyunbox_testkit.paths import PACKAGE_DIR


def test_default_changes_nothing_on_cpython(shapes):
    before = dict(vars(shapes))
    report = pyunbox.accelerate(shapes)
    assert not report.active and not report.rebound
    assert dict(vars(shapes)) == before
    assert "C-API call is already the fast path" in report.skipped["inc"]


def test_forced_parity_every_function(shapes):
    originals = {name: getattr(shapes, name) for name in ALL}
    records = {r.python_name: r for r in pyunbox.signatures(shapes)}
    report = pyunbox.accelerate(shapes, force=True)
    # Every shape of expected.MINED, and whatever else the pass has learnt
    # to mine since (e.g. bail cores of raising functions).
    # Cores that raise themselves need the GIL, which cffi releases. Cores
    # that touch the module's state (MEMORY) are called while the process
    # has one Python thread (guarded).
    assert set(MINED) - PYERR <= set(report.rebound)
    assert report.guarded == set(MEMORY) & set(MINED)
    assert set(report.rebound) | set(report.skipped) == set(ALL)
    for name, why in report.skipped.items():
        assert why == (acc_mod.refusal(records[name]) if name in records
                       else "no core: the pass made none (-Rpass-missed=pyunbox says why)")
    problems = []
    for name in ALL:
        problems += bag.mismatches(originals[name], getattr(shapes, name), ARITY[name],
                                   NAMES.get(name))
    assert not problems, "\n".join(problems[:20])


def test_rebound_function_looks_like_the_original(shapes):
    original = shapes.inc
    pyunbox.accelerate(shapes, force=True)
    fast = shapes.inc
    assert fast is not original and fast.__wrapped__ is original
    assert (fast.__name__, fast.__doc__, fast.__module__) == \
        (original.__name__, original.__doc__, original.__module__)
    assert fast.__pyunbox_record__.python_name == "inc"


def test_twice_and_restore(shapes):
    original = shapes.inc
    pyunbox.accelerate(shapes, force=True)
    again = pyunbox.accelerate(shapes, force=True)
    assert not again.rebound and again.skipped["inc"] == "already accelerated"
    assert "inc" in pyunbox.restore(shapes)
    assert shapes.inc is original


def _record(**changes):
    fields = dict(python_name="f", core_symbol="pyunbox_core_m_f", wrapper_symbol="f",
                  module="m", c_prototype="long pyunbox_core_m_f(long, int *)",
                  param_names=[""], param_kinds=[7], return_kind=7, convention=2,
                  meth_flags=8, effects=0, memory=0, errors=1, core_address=0,
                  wrapper_address=0, version=1)
    fields.update(changes)
    return make_record(**fields)


def test_refusals():
    assert acc_mod.refusal(_record(effects=1, errors=2), False).startswith(
        "the core needs the interpreter")
    assert "relies on the GIL" in acc_mod.refusal(_record(memory=1), False)
    assert acc_mod.refusal(_record(memory=2), single_threaded=True) is None
    assert acc_mod.refusal(_record(memory=2)) is None  # guarded
    assert acc_mod.refusal(_record(), False) is None  # bail is fine


def test_bail_calls_the_original():
    """A bail core: the fast path gives the core's result unless it bails;
    then the original runs (and raises its exact exception)."""
    def core(x, bail):
        if x < 0:
            bail[0] = 1
            return 12345  # unspecified
        return x * 2

    def original(x):
        if x < 0:
            raise ValueError("negative")
        return x * 2

    fast = acc_mod.make_fast(_record(), core, original, new_bail=lambda: [0])
    assert fast(21) == 42
    assert outcome(fast, -1) == ("raised", ValueError, "negative")
    void = acc_mod.make_fast(_record(return_kind=0), core, original, new_bail=lambda: [0])
    assert void(3) is None


def test_guarded_core_runs_while_one_thread_does(monkeypatch):
    """A core that shares its extension's state (memory read or write) is
    called only while the process has one Python thread: cffi releases the
    GIL around it. Once a thread has started, every call is the original's."""
    from pyunbox import _threads
    calls = []

    def core(x, bail):
        calls.append(x)
        return x + 1

    def original(x):
        return x + 1
    monkeypatch.setattr(_threads, "started", False)
    fast = acc_mod.make_fast(_record(memory=2), core, original, new_bail=lambda: [0],
                             guarded=True)
    assert fast(1) == 2 and calls == [1]
    monkeypatch.setattr(_threads, "started", True)
    assert fast(2) == 3 and calls == [1]
    unguarded = acc_mod.make_fast(_record(memory=2), core, original, new_bail=lambda: [0])
    assert unguarded(3) == 4 and calls == [1, 3]


def test_written_sets_are_each_threads_own(monkeypatch):
    """The bail flag (and a tuple's cells) the core writes: the first
    caller's thread keeps one set in the fast path's globals, every other
    thread has its own (cffi runs the core without the GIL)."""
    import threading
    from pyunbox import _threads
    monkeypatch.setattr(_threads, "started", _threads.started)  # restored after
    used = []

    def core(x, bail):
        used.append((threading.get_ident(), bail))  # kept: ids are reused
        return x + 1
    fast = acc_mod.make_fast(_record(), core, lambda x: x + 1, new_bail=lambda: [0])
    assert fast(1) == 2
    for _ in range(2):
        thread = threading.Thread(target=lambda: fast(2))
        thread.start()
        thread.join()
    assert fast(3) == 4
    first, other1, other2, again = used
    assert first[1] is again[1]
    assert len({id(first[1]), id(other1[1]), id(other2[1])}) == 3


def test_threads_at_once_keep_their_results(shapes, monkeypatch):
    """Real cores (cffi releases the GIL around each) called from five
    threads at once: pair's cells and safe_div's bail flag are each thread's
    own, so every call has its original's outcome."""
    from pyunbox import _threads
    from pyunbox_testkit.threaded import wrong_outcomes
    monkeypatch.setattr(_threads, "started", _threads.started)  # restored after
    originals = {name: getattr(shapes, name) for name in ("pair", "safe_div")}
    report = pyunbox.accelerate(shapes, force=True)
    assert set(originals) <= set(report.rebound)
    assert wrong_outcomes(shapes, originals, tuple(originals)) == []


WATCH = """
import sys
if sys.argv[1] == "before": import threading
from pyunbox import _threads
print(_threads.watch(), end=" ")
import threading
if sys.argv[2] == "thread":
    t = threading.Thread(target=lambda: None); t.start(); t.join()
elif sys.argv[2] == "raw":
    import _thread; _thread.start_new_thread(lambda: None, ())
print(_threads.started, _threads.watch())
"""


@pytest.mark.parametrize("python", [sys.executable, "pypy3"])
def test_a_started_thread_is_seen(python, tmp_path):
    """_threads.started turns True at the first thread start, whether
    threading was imported before watch() or after, or _thread is used."""
    import shutil
    if not shutil.which(python):
        pytest.skip(f"{python} is not installed")
    env = {"PYTHONPATH": str(PACKAGE_DIR), "PATH": "/usr/bin:/bin"}
    for imported in ("before", "after"):
        for start in ("none", "thread", "raw"):
            proc = subprocess.run([python, "-c", WATCH, imported, start], env=env,
                                  capture_output=True, text=True, timeout=120)
            assert proc.returncode == 0, proc.stderr
            want = "False False False" if start == "none" else "False True True"
            assert proc.stdout.strip() == want, (python, imported, start, proc.stdout)


def test_keyword_only_parameters():
    """A parameter the record passes only by name (a format's '$';
    shapes.kw_scale_only is a real one) is never filled by position: f(1, 5)
    is the original's TypeError, f(1, k=5) the core's."""
    record = _record(errors=0, c_prototype="long f(long, long)", param_names=["x", "k"],
                     param_kinds=[7, 7], param_flags=[3, 2 | 4 | 8], param_defaults=[0, 3],
                     convention=3, meth_flags=130)
    calls = []

    def core(x, k):
        calls.append((x, k))
        return x * 10 + k

    def original(x, *, k=3):
        if type(x) is not int or type(k) is not int:
            raise TypeError("an integer is required")
        return x * 10 + k

    fast = acc_mod.make_fast(record, core, original)
    shapes = [((1,), {}), ((1,), {"k": 5}), ((), {"x": 1, "k": 5}), ((), {"x": 2}),
              ((1, 5), {}), ((), {"k": 5}), ((1,), {"j": 2}), ((1,), {"x": 2}), ((), {}),
              ((1, 2, 3), {}), (("a",), {}), ((1,), {"k": "b"}), ((1,), {"k": 5, "x": 1})]
    for args, kw in shapes:
        assert outcome(fast, *args, **kw) == outcome(original, *args, **kw), (args, kw)
    assert calls == [(1, 3), (1, 5), (1, 5), (2, 3)]
    assert acc_mod.refusal(record, False) is None
    for flags, names in [([2, 3], ["k", "x"]), ([3, 2], ["x", ""])]:
        bad = _record(errors=0, param_names=names, param_kinds=[7, 7], param_flags=flags,
                      param_defaults=[0, 0], convention=3, meth_flags=130)
        assert acc_mod.refusal(bad, False).startswith("a keyword-only parameter")


def test_compiled_at_the_first_call():
    """The fast path is compiled at its first call, into the object that was
    handed out: a reference taken before (`from ext import f`) runs it."""
    calls = []

    def core(x):
        calls.append(x)
        return x + 1

    def original(x):
        return x + 1

    fast = acc_mod.make_fast(_record(errors=0, python_name="weird name"), core, original)
    stub = type(fast).__call__.__code__
    assert fast.__name__ == "weird name" and fast.__wrapped__ is original
    assert fast(41) == 42 and calls == [41]
    code = type(fast).__call__.__code__
    assert code is not stub and code.co_name == "weird name"
    assert fast(1) == 2 and calls == [41, 1]
    assert outcome(fast, 1, 2) == outcome(original, 1, 2)  # the slow path's too


def test_behaves_as_an_extension_function_in_a_class(shapes, monkeypatch):
    """An extension function stored in a class is no method: T().f(x) calls
    f(x) (test_math's IsCloseTests has `isclose = math.isclose`). The
    accelerated one neither; its repr, pickle and copies are the original's."""
    import copy
    import pickle
    original = shapes.inc
    pyunbox.accelerate(shapes, force=True)
    fast = shapes.inc
    assert fast is not original

    class T:
        f = fast
        g = original
    assert T().f(41) == T().g(41) == 42 and T.f(1) == 2
    assert outcome(T().f, 1, 2) == outcome(T().g, 1, 2)
    assert repr(fast) == repr(original)
    assert fast.__self__ is original.__self__  # the module
    assert fast.__text_signature__ == original.__text_signature__
    assert outcome(pickle.dumps, fast) == outcome(pickle.dumps, original)  # not importable
    package = shapes.__name__.rpartition(".")[0]
    monkeypatch.setitem(sys.modules, package, types.ModuleType(package))
    monkeypatch.setitem(sys.modules, shapes.__name__, shapes)
    assert pickle.loads(pickle.dumps(fast)) is fast  # by name, as the original
    assert copy.copy(fast) is fast and copy.deepcopy(fast) is fast
    assert callable(fast) and not hasattr(fast, "__get__")


def test_core_and_signatures_of_an_accelerated_function(shapes):
    """After accelerate() (or pyunbox.auto) mod.f is the FastFunction: core()
    and signatures() take it for the function it stands for."""
    [record] = pyunbox.signatures(shapes.inc)
    pyunbox.accelerate(shapes, force=True)
    assert pyunbox.signatures(shapes.inc) == [record]
    assert record.errors == "none" and pyunbox.core(shapes.inc)(41) == 42
    assert pyunbox.core_ffi(shapes.inc) is not None


def test_a_fast_path_that_fails_to_compile_leaves_the_original(monkeypatch):
    """A fault in the generated source (compiled at the first call, inside
    the user's program) costs the fast path, never the call."""
    fast = acc_mod.make_fast(_record(errors=0), lambda x: -1, lambda x: x + 1)
    monkeypatch.setattr(acc_mod, "fast_source", lambda record, guarded: "def _fast(:")
    assert fast(41) == 42 and fast(1) == 2
    assert isinstance(fast.__pyunbox_error__, SyntaxError)


def test_range_tests_past_the_machine_word():
    """A bound past the machine word is tested only for ints outside the word
    (PyPy compares a small int with a big bound as big integers), and the
    test is still exactly the range."""
    word = [-(1 << 63), (1 << 63) - 1]
    values = sorted({v + d for v in [0, *word, 1 << 64, 1 << 70, -(1 << 70), 1 << 1023,
                                     -(1 << 1023), 5, -3] for d in (-1, 0, 1)})
    for lo, hi, strict in [(0, (1 << 64) - 1, False), (-(1 << 1023), 1 << 1023, True),
                           (*word, False), (5, 1 << 70, False), (-(1 << 70), -3, False)]:
        test = acc_mod._in_range("a", lo, hi, strict)
        inside = eval(f"lambda a: {test}")
        for v in values:
            assert inside(v) == ((lo < v < hi) if strict else (lo <= v <= hi)), (test, v)
        # The first test, which decides every machine-word int, has word bounds.
        first = test.split(" or ")[0]
        assert all(word[0] <= int(b) <= word[1] for b in re.findall(r"-?\d+", first)), test


def test_fast_source_is_specialized():
    source = acc_mod.fast_source(_record(errors=0, c_prototype="long f(long)"))
    assert "type(v0) is not int or not -9223372036854775808 <= v0 <= 9223372036854775807" \
        in source


def test_auto_hook_changes_nothing_on_cpython(shapes_so):
    code = ("import pyunbox.auto, e2e_shapes, types; "
            "assert type(e2e_shapes.inc) is types.BuiltinFunctionType; "
            "print(pyunbox.auto.reports['e2e_shapes'].active)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": f"{PACKAGE_DIR}:{shapes_so.parent}"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_auto_options_from_the_environment(monkeypatch):
    from pyunbox import auto
    auto.uninstall()  # importing it installed the hook: not in this process
    monkeypatch.delenv("PYUNBOX_SINGLE_THREADED", raising=False)
    assert auto.options() == {"single_threaded": None}
    monkeypatch.setenv("PYUNBOX_SINGLE_THREADED", "1")
    assert auto.options() == {"single_threaded": True}
    monkeypatch.setenv("PYUNBOX_SINGLE_THREADED", "0")
    assert auto.options() == {"single_threaded": False}


def test_a_builtin_module_is_reported_not_raised():
    import math
    report = pyunbox.accelerate(math, force=True)
    assert not report.rebound and report.skipped
    assert all(why.startswith("no records: math has no shared object file")
               for why in report.skipped.values())


def test_local_symbols_are_named(tmp_path):
    """A module linked with a version script that keeps everything but its
    PyInit local still has its records in the file, but neither their bounds
    nor the cores at run time: the report says so, and how to export them."""
    from pyunbox_testkit.build import SHAPES, build_extension, load_module
    script = tmp_path / "exports.map"
    script.write_text("{ global: PyInit_e2e_shapes; local: *; };\n")
    path = build_extension([SHAPES], tmp_path / "e2e_shapes.so",
                           flags=[f"-Wl,--version-script={script}"])
    module = load_module(path, "e2e_shapes")
    report = pyunbox.accelerate(module, force=True)
    assert not report.rebound
    why = set(report.skipped.values())
    assert len(why) == 1 and "but its symbols are not exported" in why.pop(), report
