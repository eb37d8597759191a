"""PyPy (cpyext) tests, run with `pypy3 -m unittest` (PyPy has no pytest
here); test/python/test_pypy.py runs them from the pytest suite.

shapes.c is built with the plugin for PyPy; accelerate() must give exactly
the originals' results and exceptions for every function over good and bad
calls, also once the JIT has compiled the fast paths."""
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEST = HERE.parent.parent
for path in (TEST / "support", TEST / "e2e", HERE.parent):
    sys.path.insert(0, str(path))

import bag  # noqa: E402
import string_cores  # noqa: E402
from pyunbox_testkit import cpyext, cython  # noqa: E402
from pyunbox_testkit.build import (build_extension, build_shapes, interpreter_paths,  # noqa: E402
                                   load_copy, run)
from pyunbox_testkit.outcome import outcome, same_outcome  # noqa: E402
from pyunbox_testkit.paths import DUMP, PACKAGE_DIR  # noqa: E402
import pyunbox  # noqa: E402
from pyunbox import fastpath  # noqa: E402
from expected import ALL, ARITY, CPYTHON_ONLY, MEMORY, MINED, NAMES, REFUSED, PYERR  # noqa: E402

# Cores that use the interpreter or check their results need CPython's
# spelling (expected.CPYTHON_ONLY).
NO_CORE_ON_PYPY = CPYTHON_ONLY

_tmp = None
_copies = 0


def setUpModule():
    global _tmp, SO
    _tmp = tempfile.mkdtemp(prefix="pyunbox_pypy_")
    SO = build_shapes(_tmp, sys.executable)


def tearDownModule():
    shutil.rmtree(_tmp, ignore_errors=True)


def fresh():
    """A newly loaded copy of the build (own path: own dlopen, own module)."""
    global _copies
    _copies += 1
    return load_copy(SO, Path(_tmp) / f"copy{_copies}", f"pyunbox_pypy{_copies}")


class Environment(unittest.TestCase):
    def test_is_pypy(self):
        self.assertEqual(platform.python_implementation(), "PyPy")


class Signatures(unittest.TestCase):
    def test_loaded_module(self):
        module = fresh()
        names = {r.python_name for r in pyunbox.signatures(module)}
        self.assertLessEqual(set(MINED) - NO_CORE_ON_PYPY, names)
        self.assertFalse(names & NO_CORE_ON_PYPY)

    def test_loaded_equals_file_but_addresses(self):
        module = fresh()
        strip = lambda rs: [{k: v for k, v in r.as_dict().items()
                             if not k.endswith("_address")} for r in rs]
        self.assertEqual(strip(pyunbox.signatures(module)), strip(pyunbox.signatures(SO)))

    def test_file_equals_dump(self):
        import json
        out = subprocess.check_output([str(DUMP), "--json", str(SO)])
        self.assertEqual([r.as_dict() for r in pyunbox.signatures(SO)],
                         json.loads(out)["records"])


class Accelerate(unittest.TestCase):
    def setUp(self):
        self.module = fresh()
        self.originals = {name: getattr(self.module, name) for name in ALL}
        self.report = pyunbox.accelerate(self.module)

    def test_report(self):
        self.assertTrue(self.report.active)
        # Every shape of expected.MINED, and whatever else the pass has
        # learnt to mine since (e.g. bail cores of raising functions).
        records = {r.python_name: r for r in pyunbox.signatures(self.module)}
        callable_ = {n for n, r in records.items() if fastpath.refusal(r) is None}
        self.assertLessEqual(set(MINED) - NO_CORE_ON_PYPY - PYERR, callable_)
        self.assertEqual(set(self.report.rebound), callable_)
        # Cores that share the module's state run while one thread does.
        self.assertEqual(self.report.guarded,
                         {n for n in callable_ if records[n].memory != "none"})
        self.assertLessEqual(set(MEMORY) & set(MINED) - NO_CORE_ON_PYPY, self.report.guarded)
        self.assertEqual(set(self.report.skipped), set(ALL) - callable_)
        for name in self.report.rebound:
            self.assertIsInstance(getattr(self.module, name), fastpath.FastFunction)

    def test_parity_every_function(self):
        # Enough rounds for the JIT to compile the fast paths and their bridges.
        # value_with_error returns a value with an exception set (on purpose:
        # CPython checks for that): cpyext reports it on some calls only, so
        # its outcome is no function of its arguments there.
        for round_ in range(3):
            for name in sorted(set(ALL) - {"value_with_error"}):
                with self.subTest(name=name, round=round_):
                    problems = bag.mismatches(self.originals[name], getattr(self.module, name),
                                              ARITY[name], NAMES.get(name))
                    self.assertEqual(problems, [])

    def test_rewritten_table_keeps_its_function(self):
        # PyInit put swap_after (n / 2 - 1) where the table's initializer
        # names swap_before (n + 1): no record, so nothing is rebound.
        self.assertNotIsInstance(self.module.swapped_entry, fastpath.FastFunction)
        self.assertEqual(self.module.swapped_entry(10), 4)

    def test_parity_in_a_hot_loop(self):
        fast, slow = self.module.inc, self.originals["inc"]
        inputs = [0, 1, -1, (1 << 63) - 1, 1 << 63, 2.5, True, "x", bag.Index()]
        for i in range(20000):
            x = inputs[i % len(inputs)] if i % 7 == 0 else i
            self.assertTrue(same_outcome(outcome(slow, x), outcome(fast, x)), x)

    def test_results_keep_their_types(self):
        m = self.module
        self.assertIs(m.is_even(4), True)
        self.assertIs(m.truth_not(0), True)
        self.assertIs(m.va_pred(5), False)
        self.assertIsNone(m.check_long(3))
        self.assertIs(type(m.va_hypot2(3, 4)), float)
        self.assertEqual(m.va_hypot2(3, 4), 25.0)

    def test_restore(self):
        pyunbox.restore(self.module)
        self.assertIs(self.module.inc, self.originals["inc"])

    def test_state_cores_run_while_one_thread_does(self):
        # set_level writes the module's state: its core runs while the
        # process has one Python thread; once one has started, every call is
        # the original's, with the same outcome (a hot loop, so the JIT has
        # compiled the guard as a constant first). No docstring: test_pypy.py
        # reads unittest's verbose lines, which a docstring would split.
        from pyunbox import _threads
        fast = self.module.set_level
        self.assertIn("set_level", self.report.guarded)
        namespace = type(fast).__call__.__globals__
        fast(1)  # compiled at the first call
        original, missed = namespace["_orig"], []
        namespace["_orig"] = lambda *args: (missed.append(args), original(*args))[1]
        was = _threads.started
        try:
            _threads.started = False
            for i in range(3000):
                fast(i % 10)
            self.assertEqual(missed, [])
            _threads.started = True
            for i in range(3000):
                fast(i % 10)
            self.assertEqual(len(missed), 3000)
            self.assertEqual(outcome(fast, 10), outcome(original, 10))
        finally:
            _threads.started = was
            namespace["_orig"] = original

    def test_threads_write_their_own_cells(self):
        # pair's item cells and safe_div's bail flag: the first caller's set
        # is a global of the fast path, every other thread's its own. Four
        # threads and this one call both at once (cffi releases the GIL
        # around each core) and each gets its own results and exceptions.
        from pyunbox import _threads
        from pyunbox_testkit.threaded import wrong_outcomes
        self.assertLessEqual({"pair", "safe_div"}, set(self.report.rebound))
        was = _threads.started
        try:
            wrong = wrong_outcomes(self.module, self.originals, ("pair", "safe_div"),
                                   per_thread=4000)
        finally:
            _threads.started = was  # the threads have ended (for the other tests)
        self.assertEqual(wrong, [])


class Core(unittest.TestCase):
    def test_module_function_is_no_static_method(self):
        # PyPy's module functions have no __self__: their __module__ says
        # they are a module's, so no type is searched for (that search walked
        # every loaded module, 10 ms per function at import).
        from pyunbox import _loaded
        module = fresh()
        search = _loaded._static_method_owner
        _loaded._static_method_owner = None  # calling it would raise
        try:
            self.assertIsNone(_loaded.owner_type(module.fc_mix))
            record, why = _loaded.record_of(module.fc_mix, module)
        finally:
            _loaded._static_method_owner = search
        self.assertIsNone(why)
        self.assertEqual(record.python_name, "fc_mix")

    def test_core_equals_wrapper(self):
        module = fresh()
        fn = pyunbox.core(module.fc_mix)
        for a, b in [(0, 0), (1, 2), (-5, 1 << 40), ((1 << 63) - 1, 1)]:
            self.assertEqual(fn(a, b), module.fc_mix(a, b))


class AutoImport(unittest.TestCase):
    def run_pypy(self, code, env_extra):
        env = dict(os.environ, PYTHONPATH=f"{PACKAGE_DIR}:{SO.parent}",
                   **env_extra)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout.split()

    def test_import_pyunbox_auto(self):
        out = self.run_pypy("import pyunbox.auto, e2e_shapes; "
                            "print(type(e2e_shapes.inc).__base__.__name__, e2e_shapes.inc(41), "
                            "len(pyunbox.auto.reports['e2e_shapes'].rebound))", {})
        self.assertEqual(out[:2], ["FastFunction", "42"])
        self.assertGreaterEqual(int(out[2]), len(set(MINED) - NO_CORE_ON_PYPY - PYERR - set(MEMORY)))

    def test_a_module_imported_before_pyunbox_auto(self):
        # The hook also accelerates the extensions already imported; a name
        # bound from one before stays the original.
        out = self.run_pypy("import e2e_shapes; from e2e_shapes import inc; import pyunbox.auto; "
                            "print(type(e2e_shapes.inc).__base__.__name__, e2e_shapes.inc(41), "
                            "type(inc).__name__, "
                            "len(pyunbox.auto.reports['e2e_shapes'].rebound) > 0)", {})
        self.assertEqual(out, ["FastFunction", "42", "builtin_function_or_method", "True"])

    def test_env_var(self):
        out = self.run_pypy("import pyunbox, e2e_shapes; "
                            "print(type(e2e_shapes.inc).__base__.__name__, e2e_shapes.inc(1))",
                            {"PYUNBOX_AUTO": "1"})
        self.assertEqual(out, ["FastFunction", "2"])

    def test_start_needs_no_c_parser(self):
        # import pyunbox.auto and accelerating a module parse no C: cffi's
        # parser (pycparser) and threading cost PyPy 60-100 ms at every start.
        # (Comments, not docstrings: unittest -v would print them and
        # test_pypy.py reads its report line by line.)
        out = self.run_pypy("import sys, pyunbox.auto, e2e_shapes; "
                            "print(len(pyunbox.auto.reports['e2e_shapes'].rebound), "
                            "sorted(m for m in ('cffi', 'pycparser', 'threading') "
                            "if m in sys.modules))", {})
        self.assertGreater(int(out[0]), 0)
        self.assertEqual(out[1:], ["[]"])

    def test_env_var_unset(self):
        out = self.run_pypy("import pyunbox, e2e_shapes; print(type(e2e_shapes.inc).__name__)",
                            {"PYUNBOX_AUTO": ""})
        self.assertEqual(out, ["builtin_function_or_method"])



class StringKinds(unittest.TestCase):
    """String parameters on PyPy's cffi (string_cores.py: wrappers of s, s#,
    y, y#, y*, s* and their cores, records made by hand): an exact str's
    UTF-8 or a bytes reaches the core, also once the JIT has compiled the
    loop; every other argument goes to the wrapper (cpyext's PyArg_ParseTuple)."""

    @classmethod
    def setUpClass(cls):
        directory = Path(_tmp) / "strings"
        directory.mkdir()
        cls.path = string_cores.build(directory, sys.executable)
        cls.module = string_cores.load(cls.path, "pyunbox_pypy_strings")

    def test_parity_in_a_hot_loop(self):
        for name in string_cores.SINGLE:
            fast, original, slow = string_cores.fast_path(self.module, self.path, name)
            record = string_cores.RECORDS[name]
            values = string_cores.VALUES
            for i in range(3000):
                value = values[i % len(values)]
                del slow[:]
                want, got = outcome(original, value), outcome(fast, value)
                self.assertTrue(same_outcome(want, got), (name, value, want, got))
                self.assertEqual(not slow, string_cores.takes_core(record, value), (name, value))

    def test_keywords_a_default_and_a_bail(self):
        # mix: keywords, a default, a bail; tag: an omitted z# is None.
        for name, (core_calls, wrapper_calls) in sorted(string_cores.KEYWORD_CALLS.items()):
            self.check_calls(name, core_calls, wrapper_calls)

    def check_calls(self, name, core_calls, wrapper_calls):
        fast, original, slow = string_cores.fast_path(self.module, self.path, name)
        for _ in range(500):
            for calls, to_core in ((core_calls, True), (wrapper_calls, False)):
                for args, kwargs in calls:
                    del slow[:]
                    want = outcome(original, *args, **kwargs)
                    got = outcome(fast, *args, **kwargs)
                    self.assertTrue(same_outcome(want, got), (args, kwargs, want, got))
                    self.assertEqual(not slow, to_core, (args, kwargs))


def e2e_pair(name, flags=()):
    """test/e2e/<name>.c built for PyPy with the plugin at -O2, loaded twice:
    (original, module to accelerate)."""
    out = Path(_tmp) / f"e2e_{name}"  # apart from the classes' own folders (strings)
    path = build_extension([TEST / "e2e" / f"{name}.c"],
                           out / f"e2e_{name}{interpreter_paths(sys.executable)[1]}",
                           sys.executable, "O2", True, list(flags))
    return (load_copy(path, out / "original", f"pyunbox_pypy_{name}_original"),
            load_copy(path, out / "fast", f"pyunbox_pypy_{name}_fast"))


def assert_same_in_a_hot_loop(test, name, want, got, shapes, rounds=60):
    """want (the original, loaded as ..._original) and got (accelerated,
    ..._fast) give the same outcome for every shape, round after round, so
    also once PyPy's JIT has compiled the loop."""
    for round_ in range(rounds):
        for args in shapes:
            a, b = outcome(want, *args), outcome(got, *args)
            a, b = (r if r[0] != "raised" else r[:2] + (r[2].replace("_original", "_fast"),)
                    for r in (a, b))
            test.assertTrue(same_outcome(a, b), (name, round_, args, a, b))


class Buffers(unittest.TestCase):
    """test/e2e/buffers.c built for PyPy with the plugin: PyPy's headers test
    a Py_buffer's argument inline (PyUnicode_Check and PyBytes_Check read
    tp_flags, PyObject_CheckBuffer reads tp_as_buffer->bf_getbuffer), and
    PyPy fills a bytes' view itself. Every core accelerate() binds gives its
    wrapper's outcome for bytes, str, other bytes-like objects and wrong
    types, also once the JIT has compiled the loop."""

    def test_parity_in_a_hot_loop(self):
        import buffer_inputs as inputs
        original, module = e2e_pair("buffers", ["-fwrapv"])
        report = pyunbox.accelerate(module)
        self.assertEqual(set(report.rebound), set(inputs.CORES), report)
        values = inputs.BYTESES + inputs.TEXTS + inputs.OTHERS
        for name, (_, _, kinds, _) in sorted(inputs.CORES.items()):
            shapes = list(inputs.calls(kinds, values)) + [(), (b"a", 1, 2, 3)]
            if name == "is_readonly":
                # cpyext's view of a buffer other than an exact bytes says
                # readonly 1 or 0 from one call to the next, on a build
                # without the plugin too: no function of the arguments. Both
                # sides call the wrapper for them.
                shapes = [args for args in shapes if len(args) != 1 or cpyext.sure_of_readonly(args[0])]
            assert_same_in_a_hot_loop(self, name, getattr(original, name), getattr(module, name),
                                      shapes)


class HandReadStrings(unittest.TestCase):
    """test/e2e/strings.c's strings read by hand (PyBytes_AS_STRING,
    PyBytes_AsStringAndSize, and PyUnicode_AsUTF8AndSize on a str's way), and
    those the C library searches (memchr, strchr, strstr: their result is an
    offset), built for PyPy with the plugin: every one is rebound, a bytes-or-str
    dispatch is a UTF8_SIZE parameter, and each gives its original's outcome
    for bytes, str (non-ASCII, NULs, lone surrogates), subclasses and wrong
    types, also once the JIT has compiled the loop."""

    NAMES = {"bytes_fnv": 1, "bytes_seeded": 2, "text_or_bytes": 1, "text_hash": 1,
             "keyed_text": 2, "buffer_text": 1, "c_length": 1, "find": 2, "fields": 1,
             "where": 2}
    VALUES = ["", "a", "héllo", "日本語", "a\0b", "\ud800", "k" * 9, b"", b"ab", b"a\0b",
              b"\xff" * 9, bytearray(b"ab"), memoryview(b"ab"), None, 3,
              type("S", (str,), {})("s"), type("B", (bytes,), {})(b"b")]

    def test_parity_in_a_hot_loop(self):
        original, module = e2e_pair("strings")
        report = pyunbox.accelerate(module)
        self.assertTrue(set(self.NAMES) <= set(report.rebound), report)
        kinds = {r.python_name: list(r.param_kinds) for r in pyunbox.signatures(module)}
        for name in ("text_or_bytes", "text_hash", "keyed_text", "buffer_text"):
            self.assertEqual(set(kinds[name]), {16}, (name, kinds[name]))  # UTF8_SIZE
        for name, arity in sorted(self.NAMES.items()):
            shapes = [(v,) for v in self.VALUES] if arity == 1 else \
                [(v, w) for v in self.VALUES for w in (b"t", "té", 7)] + \
                [(w, v) for v in self.VALUES for w in (b"k", "ké", 7)]
            shapes += [(), (b"a", 1, 2)]
            assert_same_in_a_hot_loop(self, name, getattr(original, name), getattr(module, name),
                                      shapes)


class TupleResults(unittest.TestCase):
    """test/e2e/tuples.c (Py_BuildValue of "(ll)", "ii", "(di)", "(iId)";
    tuples made item by item, PyTuple_SET_ITEM being PyPy's inline store),
    built for PyPy with the plugin: every function is rebound, its core
    storing the items in cells of the fast path's own, and each gives its
    original's outcome (NaN and signed zeros, overflow, a bail, keywords), also
    once the JIT has compiled the loop."""

    INTS = [0, 1, -1, 7, -7, 2**31 - 1, -2**31, 2**40, -2**63, 2**63 - 1, 2**64, None, 2.5, "1"]
    FLOATS = [0.0, -0.0, 1.5, 1e300, 5e-324, float("inf"), float("-inf"), float("nan"), 3, None]

    def test_parity_in_a_hot_loop(self):
        original, module = e2e_pair("tuples")
        report = pyunbox.accelerate(module, force=True)
        self.assertEqual(set(report.rebound), {"floordiv", "mantissa", "ordered", "describe",
                                               "halves", "sum_diff"}, report)
        pairs = [(a, b) for a in self.INTS for b in self.INTS]
        for name, shapes in (("floordiv", pairs), ("ordered", pairs + [(v,) for v in self.INTS]),
                             ("mantissa", [(v,) for v in self.FLOATS]),
                             ("describe", [(v,) for v in self.INTS]),
                             ("halves", [(v,) for v in self.INTS]),
                             ("sum_diff", [(a, b) for a in self.FLOATS for b in self.FLOATS])):
            assert_same_in_a_hot_loop(self, name, getattr(original, name), getattr(module, name),
                                      shapes + [(), (1, 2, 3)])


class CythonModules(unittest.TestCase):
    """cymod.pyx (the lit tests' input) by Debian's Cython 0.29 and by Cython
    3.3 (where the shared tools have it), built for PyPy with the plugin:
    accelerate() rebinds every function whose core a fast path may call (3.3's
    functions are Cython's own type, whose __module__ on PyPy names Cython's
    shared module; 0.29's with binding=True name no module at all), and each
    gives its original's outcome."""

    def check(self, version, directives=()):
        command = cython.command(version)
        if command is None:
            self.skipTest(cython.missing_reason(version))
        out = Path(tempfile.mkdtemp(prefix=f"cython{version}_", dir=_tmp))
        options = [option for directive in directives for option in ("-X", directive)]
        run([*command, "-3", *options, TEST / "lit" / "cython" / "Inputs" / "cymod.pyx",
             "-o", out / "cymod.c"])
        path = build_extension([out / "cymod.c"], out / f"cymod{interpreter_paths(sys.executable)[1]}",
                               sys.executable, "O2", True, ["-w"])
        tag = version.replace(".", "") + ("_bound" if directives else "")
        original = load_copy(path, out / "original", f"pyunbox_pypy_cy{tag}_original")
        module = load_copy(path, out / "fast", f"pyunbox_pypy_cy{tag}_fast")
        records = {r.python_name: r for r in pyunbox.signatures(module)}
        callable_ = {n for n, r in records.items() if fastpath.refusal(r, False) is None}
        report = pyunbox.accelerate(module)
        self.assertTrue(callable_)
        self.assertEqual(set(report.rebound), callable_, report)
        for name in sorted(callable_):
            record = records[name]
            with self.subTest(version=version, name=name):
                self.assertEqual(bag.mismatches(getattr(original, name), getattr(module, name),
                                                len(record.param_kinds), record.param_names), [])

    def test_cython_0_29(self):
        self.check("0.29")

    def test_cython_3_3(self):
        self.check("3.3")

    def test_cython_0_29_binding(self):
        self.check("0.29", ["binding=True"])


if __name__ == "__main__":
    unittest.main()
