"""Argument Clinic's own output (clinic.c, CPython 3.11.2's clinic.py): the
records carry each optional parameter's default and every name a call may
pass by keyword, a call that skips an optional parameter and names a later
one (f(1, c=5)) included; accelerate(force=True) gives the original's outcome
for every call shape (results, types, exceptions, messages), and such calls
take the core, as does a call of none where every parameter is optional. CPython only (PyPy's headers have no _PyArg_UnpackKeywords)."""
import inspect
import itertools
from pathlib import Path

import pytest

import pyunbox
from pyunbox_testkit.build import build_extension, load_module, records_by_name
from pyunbox_testkit.outcome import parity_problems

SOURCE = Path(__file__).resolve().parent / "clinic.c"
MODULE = "e2e_clinic"
PK, PO = "positional-or-keyword", "positional-only"

# name: (names, passing, optional, defaults), as Clinic declares them; a
# keyword-only parameter is no core's (the core is the call without it).
RECORDS = {
    "scale3": (["a", "b", "c"], [PK, PK, PK], [False, True, True], [None, 2, 3]),
    "mixd": (["x", "y", "z", "n"], [PK] * 4, [False, True, True, True], [None, 1.5, -0.25, 4]),
    "kwonly": (["a"], [PK], [False], [None]),
    # Clinic's `if (nargs < 2)` skips b: a call naming c may pass one
    # argument by position, which a call of all by position never does.
    "posonly": ([None, None, "c"], [PO] * 3, [False, True, True], [None, 2, 3]),
    "flags": (["a", "up", "times"], [PK] * 3, [False, True, True], [None, False, 1]),
    # short, unsigned char and float: the core takes the long or double the
    # wrapper converts, and the default is the value it converts to C's.
    "narrow": (["a", "s", "u", "f"], [PK] * 4, [False, True, True, True], [None, -3, 200, 0.5]),
    # Every parameter optional: a call of none may come with a NULL array,
    # for which the macro calls the real unpack (it returns its buffer).
    "allopt": (["a", "b"], [PK, PK], [True, True], [5, 2.5]),
    # b by name may skip the positional-only a, which `if (nargs < 1)`
    # then leaves at 5: not shown equal to passing 5 (the remark says so).
    "allopt_po": ([None, "b"], [PO, PO], [True, True], [5, 2]),
    # unsigned int and size_t: a converter writes each through its address;
    # omitted, it keeps the constant stored before.
    "conv": (["a", "n", "m"], [PK] * 3, [False, True, True], [None, 3, 9]),
}
# Calls by name that skip an optional parameter, and the core's result.
GAP_CALLS = {
    "scale3": [((1,), {"c": 5}, 125), ((), {"a": 1, "c": 5}, 125), ((1,), {"c": 5, "b": 4}, 145)],
    "mixd": [((1.0,), {"z": 2.0}, 1174.0), ((1.0,), {"n": 7}, 1154.5), ((1.0,), {"n": 7, "y": 0.0}, 1004.5)],
    "flags": [((3,), {"times": 4}, 12), ((), {"a": 3, "times": 2}, 6)],
    "narrow": [((1,), {"u": 7}, 997007.5), ((1,), {"f": 0.25}, 997200.25), ((2, 5), {}, 2005200.5)],
    "allopt": [((), {}, 52.5), ((), {"b": 1.0}, 51.0), ((7,), {}, 72.5)],
    "allopt_po": [((), {}, 52), ((3,), {}, 32)],
    "conv": [((1,), {}, 1039), ((1,), {"m": 5}, 1035), ((), {"a": 2, "n": 4}, 2049)],
}
GOOD = {"scale3": [7, 8, 9], "mixd": [1.25, 2.0, -3.5, 6], "kwonly": [5, 3], "posonly": [4, 5, 6],
        "flags": [2, True, 3], "narrow": [1, -300, 255, 1.5], "allopt": [3, 1.5], "allopt_po": [4, 6],
        "conv": [2, 7, 11]}
BAD = [None, "7", 2.5, 1 << 70, True, -(1 << 63), [], 0.0, 256, -32769, 1e300, 1 << 32, -1]


@pytest.fixture(scope="module", params=["O0", "O2"])
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"clinic_{request.param}") / f"{MODULE}.so"
    build_extension([SOURCE], out, opt=request.param)
    return out


def signature_names(function):
    """Every parameter name Clinic gave the function (its __text_signature__),
    the ones a record leaves out (keyword-only, positional-only) too."""
    return [p.name for p in inspect.signature(function).parameters.values()]


def call_shapes(names, good):
    """Every split into a positional prefix and a set of later parameters by
    name (gaps among them), with good values and each bad one in each place;
    too many arguments, names given twice, an unknown name."""
    n = len(names)
    for given in range(n + 1):
        later = names[given:]
        for r in range(len(later) + 1):
            for named in itertools.combinations(later, r):
                values = dict(zip(names, good))
                yield tuple(good[:given]), {k: values[k] for k in named}
                for bad, where in itertools.product(BAD, range(given + r)):
                    args, kwargs = list(good[:given]), {k: values[k] for k in named}
                    if where < given:
                        args[where] = bad
                    else:
                        kwargs[named[where - given]] = bad
                    yield tuple(args), kwargs
    yield tuple(good) + (1,), {}
    yield tuple(good), {names[-1]: 1}
    yield (), {"nosuch": 1}
    yield tuple(good[:1]), {"nosuch": 1}


def test_records(built):
    records = records_by_name(built)
    got = {name: (r["param_names"], r["param_passing"], r["param_optional"], r["param_defaults"])
           for name, r in records.items()}
    assert got == RECORDS


def test_accelerate_parity(built):
    originals = load_module(built, f"pyunbox_clinic_orig_{built.parent.name}.{MODULE}")
    module = load_module(built, f"pyunbox_clinic_fast_{built.parent.name}.{MODULE}")
    report = pyunbox.accelerate(module, force=True)
    assert set(report.rebound) == set(RECORDS), report
    problems = []
    for name in RECORDS:
        want, got = getattr(originals, name), getattr(module, name)
        shapes = list(call_shapes(signature_names(want), GOOD[name]))
        problems += parity_problems(name, want, got, shapes, _unpackaged)
    assert not problems, "\n".join(problems[:20])


def test_gap_calls_take_the_core(built):
    module = load_module(built, f"pyunbox_clinic_gap_{built.parent.name}.{MODULE}")
    originals = {name: getattr(module, name) for name in GAP_CALLS}
    pyunbox.accelerate(module, force=True)
    for name, calls in GAP_CALLS.items():
        fast, slow_calls = getattr(module, name), []

        def spy(*args, original=originals[name], **kwargs):
            slow_calls.append((args, kwargs))
            return original(*args, **kwargs)

        type(fast).__call__.__globals__["_orig"] = spy  # the fast path's namespace
        for args, kwargs, result in calls:
            assert fast(*args, **kwargs) == originals[name](*args, **kwargs) == result
        assert not slow_calls, f"{name}: {slow_calls} went to the original"


def test_call_of_none_with_null_array(built):
    """iter(f, sentinel) calls f through PyObject_CallNoArgs, whose array is
    NULL: the original then runs the real unpack, and gives the defaults'
    result, the core's."""
    module = load_module(built, f"pyunbox_clinic_null_{built.parent.name}.{MODULE}")
    original = module.allopt
    pyunbox.accelerate(module, force=True)
    assert next(iter(original, None)) == next(iter(module.allopt, None)) == module.allopt() == 52.5


def _unpackaged(text):
    """A message as if neither load had its package's name."""
    for tag in ("orig", "fast"):
        text = text.replace(f"pyunbox_clinic_{tag}_", "pyunbox_clinic_")
    return text
