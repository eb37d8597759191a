"""SWIG-generated wrappers: a C interface run through Debian's swig (4.x)
and built with the plugin, at -O0 and -O2. SWIG's runtime unpacks the
argument tuple in a loop (SWIG_Python_UnpackTuple) and converts each
argument with SWIG_AsVal_<type>; the functions of int and long arguments get
cores that bail where SWIG raises (an int out of C int's range, a wrong
type), every core equals its wrapper on the edge values and random values of
its C types, and accelerate(force=True) gives the original's results and
exceptions, messages included. Functions of double and float arguments get
cores too: SWIG_AsVal_double tests for a float, and for an int converts with
PyLong_AsDouble, which the pass proves gives what the float branch gives
for float(i) (analysis/FloatIntDispatch.cpp); their cores are checked on
ints as well as floats, since a double parameter stands for both. A
function with a default argument (a tuple of 1 or 2 items, copied in a loop
of that many rounds) gets a core for calls of both arguments, its draft
unrolled for 2 (Drafting.h's ArityAssumption); the record says the second
is optional without a default, so calls of one take the wrapper. A function
of no arguments is METH_NOARGS, whose wrapper unpacks its always-NULL
argument all the same: a core of none."""
import itertools
import shutil

import pytest
from hypothesis import given, settings, strategies as st

import pyunbox
from pyunbox_testkit import remarks
from pyunbox_testkit.build import compile_flags, load_module, records_by_name, run
from pyunbox_testkit.cores import core_function, mismatch
from pyunbox_testkit.kinds import edge_values, kind_of, strategy
from pyunbox_testkit.outcome import outcome, same_outcome
from pyunbox_testkit.paths import CLANG, require_plugin

SWIG = shutil.which("swig")
pytestmark = pytest.mark.skipif(SWIG is None, reason="swig is not installed "
                                "(scripts/setup.sh installs Debian's swig)")

INTERFACE = r"""
%module swigmod
%{
int gcd(int x, int y) { int g = y; while (x > 0) { g = x; x = y % x; y = g; } return g; }
long lmix(long a, long b, int k) { return (a ^ b) + k; }
int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
int shift(int x, int n) { return x << (n & 7); }
double scale(double a, double b) { return a * b; }
float fscale(float a, float b) { return a * b; }
double mixed(double a, int k) { return a * k; }
int sign(double a) { return a > 0 ? 1 : a < 0 ? -1 : 0; }
int answer(void) { return 42; }
%}
int gcd(int x, int y);
long lmix(long a, long b, int k);
int clamp(int v, int lo, int hi);
int shift(int x, int n = 1);
double scale(double a, double b);
float fscale(float a, float b);
double mixed(double a, int k);
int sign(double a);
int answer(void);
"""
# answer is METH_NOARGS (SWIG 4.1), whose wrapper still unpacks its argument,
# always NULL there: SWIG_Python_UnpackTuple(args, "answer", 0, 0, 0).
CORES = {"gcd", "lmix", "clamp", "shift", "scale", "fscale", "mixed", "sign", "answer"}
# SWIG raises for a bad argument (a wrong type, an int out of C int's range,
# a double out of float's): those cores bail there; scale and sign take
# every float and int.
BAILS = {"gcd", "lmix", "clamp", "shift", "fscale", "mixed"}
NO_CORE = {}
# What a double parameter stands for besides floats: ints up to 2**1023,
# which accelerate passes as float(i) (larger ones go to the wrapper).
INTS_AS_DOUBLES = [0, 1, -1, 7, 2**31, -2**31 - 1, 2**53 + 1, -2**63, 2**64 + 3, 2**1000,
                   -2**1022 + 12345, 2**1023 - 1]

_built = {}


def build(opt, tmp_path_factory):
    """(module, path, records, remarks by Python name) of swigmod, built
    once per level as setuptools builds an extension (-DNDEBUG)."""
    if opt not in _built:
        require_plugin()
        out = tmp_path_factory.mktemp(f"swig_{opt}")
        (out / "swigmod.i").write_text(INTERFACE)
        run([SWIG, "-python", "-o", out / "swigmod_wrap.c", out / "swigmod.i"])
        path = out / "_swigmod.so"
        run([CLANG, *compile_flags(opt, plugin=True), *remarks.RECORD_FLAGS, "-w", "-DNDEBUG",
             "-shared", out / "swigmod_wrap.c", "-o", path], cwd=out)
        said = {r.python_name: r for r in remarks.read(sorted(out.glob("*.opt.yaml")))
                if r.kind in ("Passed", "Missed")}
        module = load_module(path, f"swig_{opt}._swigmod")
        _built[opt] = module, path, records_by_name(path), said
    return _built[opt]


@pytest.mark.parametrize("opt", ["O0", "O2"])
def test_cores_and_remarks(opt, tmp_path_factory):
    _, _, records, said = build(opt, tmp_path_factory)
    assert set(records) == CORES
    for name, record in records.items():
        # The core bails where SWIG raises, with no GIL.
        assert record["errors"] == ("bail" if name in BAILS else "none"), record
        assert not record["needs_interpreter"] and record["memory"] == "none", record
    assert records["gcd"]["param_types"] == ["long", "long"]
    assert records["fscale"]["param_types"] == ["double", "double"]
    assert records["mixed"]["param_types"] == ["double", "long"]
    # shift(x, n=1): the second may be omitted, with no default the record
    # can state (the draft was made for two arguments only).
    assert records["shift"]["param_optional"] == [False, True], records["shift"]
    assert records["shift"]["param_defaults"] == [None, None], records["shift"]
    assert records["gcd"]["param_optional"] == [False, False], records["gcd"]
    for name, why in NO_CORE.items():
        assert said[name].kind == "Missed" and why in said[name].detail, said[name]


@pytest.mark.parametrize("opt", ["O0", "O2"])
@pytest.mark.parametrize("function", sorted(CORES))
def test_core_equals_wrapper(function, opt, tmp_path_factory):
    module, path, records, _ = build(opt, tmp_path_factory)
    record = records[function]
    core, wrapper = core_function(path, record), getattr(module, function)

    def check(*args):
        problem = mismatch(core, wrapper, record, args)
        assert problem is None, f"{function}: {problem}"

    double = kind_of("double")

    def edges(kind):
        return edge_values(kind) + (INTS_AS_DOUBLES if kind == double else [])

    def values(kind):
        ints = st.integers(min_value=-2**1023 + 1, max_value=2**1023 - 1)
        return strategy(kind) | ints if kind == double else strategy(kind)

    for args in itertools.product(*(edges(k) for k in record["param_kinds"])):
        check(*args)
    arguments = st.tuples(*(values(k) for k in record["param_kinds"]))
    settings(max_examples=200, deadline=None)(given(arguments)(lambda args: check(*args)))()


def test_accelerate_keeps_every_outcome(tmp_path_factory, tmp_path):
    """CPython running the code PyPy runs: every call, good or bad, gives
    what the original gives (values, exception types and messages)."""
    _, path, _, _ = build("O2", tmp_path_factory)
    copy = tmp_path / path.name  # a new dlopen, imported by its compiled name
    shutil.copy(path, copy)
    module = load_module(copy, "_swigmod")
    originals = {f: getattr(module, f) for f in CORES}
    report = pyunbox.accelerate(module, force=True)
    assert set(report.rebound) == CORES, report
    calls = {
        "gcd": [(12, 18), (0, 5), (-4, 6), (True, 4), (2**31, 1), (-2**31 - 1, 1), (2**63, 1),
                (1.5, 2), ("a", 1), (1,), (1, 2, 3), (), (None, None)],
        "lmix": [(1, 2, 3), (-1, 2**62, -7), (2**63, 0, 0), (1, 2, 2**31), (1, 2, 1.0), (1, 2)],
        "clamp": [(5, 0, 3), (-9, 0, 3), (2, 0, 3), (2**40, 0, 1), (1, 2, "3")],
        "shift": [(5, 2), (5,), (-3, 9), (1, -1), (2**31, 1), (1, 2**31), (7, None), (7, 1.0),
                  ("a",), (), (1, 2, 3), (True, True)],
        "scale": [(1.5, 2.0), (3, 4), (2, 0.5), (2**1000, 2.0), (2**1023 - 1, 1.0),
                  (2**1024, 1.0), (-2**1100, 1), (True, 2.0), (1.0, None), ("a", 1.0),
                  (float("nan"), 1.0), (1.0,), (1.0, 2.0, 3.0)],
        "fscale": [(1.5, 2.0), (3, 4), (1e38, 10.0), (3.5e38, 1.0), (1e300, 1e-300),
                   (float("inf"), 1.0), (2**200, 1.0), ("x", 1.0)],
        "mixed": [(1.5, 2), (2, 3), (1.5, 2**31), (1.5, 2.0), (2**1024, 1), (0.5, True)],
        "sign": [(0.0,), (-0.0,), (-3,), (2**1023 - 1,), (2**1024,), (float("nan"),),
                 (float("-inf"),), ("0",), (None,), ()],
        "answer": [(), (1,), (None, None)],
    }
    for function, argument_lists in calls.items():
        fast, original = getattr(module, function), originals[function]
        for args in argument_lists:
            want, got = outcome(original, *args), outcome(fast, *args)
            assert same_outcome(want, got), (function, args, want, got)
