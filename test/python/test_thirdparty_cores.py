"""scripts/corpus/thirdparty_cores.py's comparison of a core with its
wrapper, on a module written here whose "core" (named by a hand-made record)
agrees with the wrapper but for the arguments each case is about: a wrapper
that crashes or loops on a value of its own has that value left out, not
failed; a core that hangs, crashes or differs where the wrapper returns is a
mismatch; the comparison reaches every parameter, not only the last; and a
core that writes the module's state is compared from the state its
wrapper's call started from; and a core of a function whose own calls
disagree (a clock) is left out, not failed. String kinds' cores
(string_cores.py) get their arguments' bytes, and one that ignores the
length it is given differs."""
import sys
from pathlib import Path

import pytest

import fixtures  # noqa: F401  (test/support on sys.path)
import string_cores
from pyunbox_testkit.build import build_extension, load_module
from pyunbox_testkit.paths import CPYTHON
from pyunbox._format import KIND

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "corpus"))
import thirdparty_cores  # noqa: E402

LONG = KIND["LONG"]

SOURCE = r"""
#include <Python.h>

static long work(long a, long b) {
    volatile long zero = 0;
    if (b == 7) return a / zero;                 /* SIGFPE: the wrapper's own */
    if (b == 255) for (volatile int i = 0; ; i++) {}  /* a loop of its own */
    return 3 * a + b;
}

static PyObject *twice(PyObject *self, PyObject *args) {
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) return NULL;
    return PyLong_FromLong(work(a, b));
}

/* "Cores": equal to work() but where each test says. */
long agrees(long a, long b) { return work(a, b); }
long hangs(long a, long b) {
    if (a == 2 && b == 1) for (volatile int i = 0; ; i++) {}
    return work(a, b);
}
long crashes(long a, long b) {
    if (a == 2 && b == 1) { volatile int *p = 0; return *p; }
    return work(a, b);
}
long differs_in_a(long a, long b) { return a == -1 ? 0 : work(a, b); }

/* A function that writes the module's state, and two "cores" of it. */
static long counter;
static PyObject *count(PyObject *self, PyObject *arg) {
    long step = PyLong_AsLong(arg);
    if (step == -1 && PyErr_Occurred()) return NULL;
    counter += step;
    return PyLong_FromLong(counter);
}
long count_core(long step) { counter += step; return counter; }
long count_core_twice(long step) { counter += 2 * step; return counter; }

/* A function of the clock: no two calls agree, the wrapper's own neither. */
#include <time.h>
static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}
static PyObject *clock_now(PyObject *self, PyObject *unused) { return PyFloat_FromDouble(now()); }
double clock_core(void) { return now(); }
double clock_core_late(void) { return now() + 1.0; }

static PyMethodDef methods[] = {{"twice", twice, METH_VARARGS, NULL},
                                {"count", count, METH_O, NULL},
                                {"clock_now", clock_now, METH_NOARGS, NULL}, {NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "tpc_probe", NULL, -1, methods};
PyMODINIT_FUNC PyInit_tpc_probe(void) { return PyModule_Create(&def); }
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    d = tmp_path_factory.mktemp("tpc")
    (d / "tpc_probe.c").write_text(SOURCE)
    so = build_extension([d / "tpc_probe.c"], d / "tpc_probe.so", plugin=False, opt="O1")
    return so, load_module(so, "tpc_probe")


def check(probe, symbol, monkeypatch, drawn=300):
    monkeypatch.setattr(thirdparty_cores, "PER_CALL_S", 0.3)
    monkeypatch.setattr(thirdparty_cores, "RANDOM_TUPLES", drawn)
    so, module = probe
    record = {"python_name": "twice", "core_symbol": symbol, "param_types": ["long", "long"],
              "param_kinds": [LONG, LONG], "return_type": "long", "errors": "none", "needs_interpreter": False,
              "memory": "none"}
    return thirdparty_cores.check_core(so, record, module.twice)


def test_the_wrappers_own_crash_and_loop_are_left_out(probe, monkeypatch):
    result = check(probe, "agrees", monkeypatch)
    assert result["mismatches"] == []
    assert result["compared"] > 300
    assert any("(1, 7): the wrapper alone crashes" in why for why in result["left_out"])
    assert any("(1, 255): the wrapper alone runs over" in why for why in result["left_out"])


@pytest.mark.parametrize("symbol, what", [("hangs", "the core runs over"),
                                          ("crashes", "the core crashes")])
def test_a_core_that_hangs_or_crashes_where_the_wrapper_returns(probe, monkeypatch, symbol, what):
    # (2, 1) is a tuple of the first step (the second parameter's ordinary
    # value is 1); every draw of it would cost the hang's time again.
    result = check(probe, symbol, monkeypatch, drawn=0)
    assert [m for m in result["mismatches"] if m.startswith("args=(2, 1)") and what in m]


def test_every_parameter_varies(probe, monkeypatch):
    # The first parameter's edge value -1 is reached (the product's first
    # tuples kept it at its first value).
    result = check(probe, "differs_in_a", monkeypatch)
    assert any(m.startswith("args=(-1, ") for m in result["mismatches"])


@pytest.mark.parametrize("symbol, agrees", [("count_core", True), ("count_core_twice", False)])
def test_a_core_that_writes_state_starts_where_its_wrapper_did(probe, monkeypatch, symbol, agrees):
    # Each call in a fork of its own: the wrapper's write does not move the
    # state the core's call starts from (results compared, not the state).
    monkeypatch.setattr(thirdparty_cores, "PER_CALL_S", 0.3)
    monkeypatch.setattr(thirdparty_cores, "RANDOM_TUPLES", 0)
    so, module = probe
    record = {"python_name": "count", "core_symbol": symbol, "param_types": ["long"],
              "param_kinds": [LONG], "return_type": "long", "errors": "none", "needs_interpreter": False,
              "memory": "write"}
    result = thirdparty_cores.check_core(so, record, module.count)
    assert result["compared"] > 10
    assert (result["mismatches"] == []) == agrees, result["mismatches"][:3]


def test_a_function_of_the_clock_is_left_out_not_failed(probe, monkeypatch):
    # The core reads the clock a moment after the wrapper did: different, and
    # so are two calls of the wrapper. Left out, whatever the core returns.
    monkeypatch.setattr(thirdparty_cores, "PER_CALL_S", 0.3)
    so, module = probe
    for symbol in ("clock_core", "clock_core_late"):
        record = {"python_name": "clock_now", "core_symbol": symbol, "param_types": [],
                  "param_kinds": [], "return_type": "double", "errors": "none", "needs_interpreter": False,
                  "memory": "none"}
        result = thirdparty_cores.check_core(so, record, module.clock_now)
        assert result["mismatches"] == [], result["mismatches"]
        assert result["compared"] == 0
        assert any("different results on identical calls" in why for why in result["left_out"])


@pytest.fixture(scope="module")
def strings(tmp_path_factory):
    """string_cores' extension: wrappers of s, s#, y, y#, y*, s* and their cores."""
    so = string_cores.build(tmp_path_factory.mktemp("tpc_strings"), CPYTHON)
    return so, string_cores.load(so, "tpc_strings")


@pytest.mark.parametrize("name", sorted(string_cores.RECORDS))
def test_string_cores_are_called_with_their_bytes(strings, monkeypatch, name):
    """A string kind's edge values are the wrapper's str or bytes, and the
    core gets their bytes (and length) through ctypes: every core agrees."""
    monkeypatch.setattr(thirdparty_cores, "RANDOM_TUPLES", 300)
    so, module = strings
    result = thirdparty_cores.check_core(so, string_cores.RECORDS[name].as_dict(),
                                         getattr(module, name))
    assert result["mismatches"] == [] and not result["left_out"], result
    assert result["compared"] > 10


def test_a_string_core_that_stops_at_a_nul_differs(strings, monkeypatch):
    # The "core" of s# reads up to the first NUL, ignoring the length.
    monkeypatch.setattr(thirdparty_cores, "RANDOM_TUPLES", 0)
    so, module = strings
    record = dict(string_cores.RECORDS["sized"].as_dict(), core_symbol="text_core")
    result = thirdparty_cores.check_core(so, record, module.sized)
    assert result["mismatches"] and all("\\x00" in m for m in result["mismatches"]), result
