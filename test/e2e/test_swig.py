"""SWIG-generated wrappers: a C interface run through Debian's swig (4.x)
and built with the plugin, at -O0 and -O2. SWIG's runtime unpacks the
argument tuple in a loop (SWIG_Python_UnpackTuple) and converts each
argument with SWIG_AsVal_<type>; the functions of int and long arguments get
cores that bail where SWIG raises (an int out of C int's range, a wrong
type), every core equals its wrapper on the edge values and random values of
its C types, and accelerate(force=True) gives the original's results and
exceptions, messages included. A default argument (1 or 2 items) and
SWIG's double conversion (its int branch converts with PyLong_AsDouble)
get no core, and the remarks say why."""
import itertools
import shutil

import pytest
from hypothesis import given, settings, strategies as st

import pyunbox
from pyunbox_testkit import remarks
from pyunbox_testkit.build import compile_flags, load_module, records_by_name, run
from pyunbox_testkit.cores import core_function, mismatch
from pyunbox_testkit.kinds import edge_values, strategy
from pyunbox_testkit.outcome import outcome
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
%}
int gcd(int x, int y);
long lmix(long a, long b, int k);
int clamp(int v, int lo, int hi);
int shift(int x, int n = 1);
double scale(double a, double b);
"""
CORES = {"gcd", "lmix", "clamp"}
NO_CORE = {"shift": "reads its arguments at an index that is not a constant",
           "scale": "checks that argument 1 is an int, but unboxes it as double"}

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
        # SWIG raises for a bad argument: the core bails there, with no GIL.
        assert record["errors"] == "bail" and not record["needs_interpreter"], record
        assert record["memory"] == "none", record
    assert records["gcd"]["param_types"] == ["long", "long"]
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

    for args in itertools.product(*(edge_values(t) for t in record["param_types"])):
        check(*args)
    arguments = st.tuples(*(strategy(t) for t in record["param_types"]))
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
    }
    for function, argument_lists in calls.items():
        fast, original = getattr(module, function), originals[function]
        for args in argument_lists:
            assert outcome(fast, *args) == outcome(original, *args), (function, args)
