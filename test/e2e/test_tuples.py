"""Wrappers that return a tuple of C scalars (tuples.c: Py_BuildValue's
"(ll)", "ii" at two returns, "(di)", "(iId)"; tuples made item by item,
with PyTuple_SET_ITEM and with PyTuple_SetItem): the pass gives each a core that
returns void and stores the items through pointers, its last parameters
(docs/FORMAT.md, "Tuple results"); the record says so (return_type "tuple",
result_types). Every core equals its wrapper, at -O0 and -O2, on ints at the
edges of each kind and on floats of every sort (NaN, infinities, signed
zeros, subnormals); accelerate(force=True) then gives the original's
results and exceptions, messages included, for every call shape, and the
stubs type the result as a tuple."""
import itertools
import math
from pathlib import Path

import pytest

import pyunbox
from pyunbox import stubgen
from pyunbox_testkit import remarks
from pyunbox_testkit.build import compile_flags, load_module, records_by_name, run
from pyunbox_testkit.cores import core_function, mismatch
from pyunbox_testkit.outcome import parity_problems
from pyunbox_testkit.paths import CLANG

SOURCE = Path(__file__).resolve().parent / "tuples.c"
MODULE = "e2e_tuples"

# name: (params, results, errors)
CORES = {
    "floordiv": (["long", "long"], ["long", "long"], "bail"),
    "mantissa": (["double"], ["double", "int"], "none"),
    "ordered": (["int", "int"], ["int", "int"], "none"),
    "describe": (["long"], ["int", "unsigned int", "double"], "none"),
    "halves": (["long"], ["unsigned long", "long", "long"], "none"),
    "sum_diff": (["double", "double"], ["double", "double"], "bail"),
}
LONGS = [0, 1, -1, 7, -7, 3, 2**31 - 1, -2**31, 2**32 + 5, 2**62, -2**63, 2**63 - 1]
INTS = [v for v in LONGS if -2**31 <= v < 2**31]
FLOATS = [0.0, -0.0, 1.5, -2.25, 1e300, -1e-310, 5e-324, math.inf, -math.inf, math.nan, 3.0]
POOLS = {"long": LONGS, "int": INTS, "double": FLOATS}
# Arguments the wrapper refuses or no fast path passes as the kind.
BAD = [None, "1", 2**64, -2**64 - 1, 2.5, True, [1]]


@pytest.fixture(scope="module", params=["O0", "O2"])
def build(request, tmp_path_factory):
    opt = request.param
    out = tmp_path_factory.mktemp(f"tuples_{opt}")
    so = out / f"{MODULE}.so"
    run([CLANG, *compile_flags(opt, True), *remarks.RECORD_FLAGS, "-c", SOURCE, "-o", out / "t.o"])
    run([CLANG, "-shared", out / "t.o", "-o", so])
    return opt, so


def test_records(build):
    _, path = build
    records = records_by_name(path)
    got = {n: (r["param_types"], r["result_types"], r["errors"]) for n, r in records.items()}
    assert got == {n: tuple(v) for n, v in CORES.items()}
    for record in records.values():
        assert record["return_type"] == "tuple"
        assert record["memory"] == "none" and not record["needs_interpreter"]
        assert record["c_prototype"].startswith("void ")


def test_cores_equal_wrappers(build):
    opt, path = build
    module = load_module(path, f"pyunbox_tuples_{opt}.{MODULE}")
    problems, calls = [], 0
    for name, record in records_by_name(path).items():
        core, wrapper = core_function(path, record), getattr(module, name)
        for args in itertools.product(*(POOLS[t] for t in record["param_types"])):
            calls += 1
            why = mismatch(core, wrapper, record, args)
            if why:
                problems.append(f"{name}{args!r}: {why}")
    assert calls > 200
    assert not problems, "\n".join(problems[:20])


def test_accelerate_parity(build):
    opt, path = build
    originals = load_module(path, f"pyunbox_tuples_orig_{opt}.{MODULE}")
    module = load_module(path, f"pyunbox_tuples_fast_{opt}.{MODULE}")
    report = pyunbox.accelerate(module, force=True)
    assert set(report.rebound) == set(CORES), report
    problems = []
    for name, (params, _, _) in CORES.items():
        shapes = [(args, {}) for args in itertools.product(*(POOLS[t] + BAD for t in params))]
        shapes += [((), {}), ((1, 2, 3), {})]
        if name == "ordered":
            shapes += [((5,), {}), ((5,), {"b": 9}), ((), {"a": 2, "b": 1}), ((1,), {"c": 2}),
                       ((1, 2), {"a": 1})]
        problems += parity_problems(name, getattr(originals, name), getattr(module, name), shapes,
                                    lambda text: text.replace("_orig_", "_").replace("_fast_", "_"))
    assert not problems, "\n".join(problems[:20])


def test_stubs_type_the_tuple(build):
    _, path = build
    module = load_module(path, f"pyunbox_tuples_stub.{MODULE}")
    lines = {r.python_name: stubgen.stub_line(r) for r in pyunbox.signatures(module)}
    assert lines["mantissa"].endswith("-> tuple[float, int]: ...")
    assert lines["describe"].endswith("-> tuple[int, int, float]: ...")
    assert lines["halves"].endswith("-> tuple[int, int, int]: ...")
    assert lines["ordered"] == "def ordered(a: int, b: int = 0) -> tuple[int, int]: ..."
