"""Cython-generated wrappers: cymod.pyx (the lit test's input) compiled by
Debian's cython3 and built with the plugin; every core equals its wrapper on
edge values and random values of its C types."""
import itertools

import pytest
from hypothesis import given, settings, strategies as st

from pyunbox_testkit.build import build_extension, load_module, records_by_name, run
from pyunbox_testkit.cores import core_function, mismatch
from pyunbox_testkit.kinds import edge_values, strategy
from pyunbox_testkit.paths import REPO

PYX = REPO / "test" / "lit" / "cython" / "Inputs" / "cymod.pyx"
EXPECTED = {"inc", "half", "square", "is_pos", "uns", "add", "flag", "add3", "scale", "pick",
            "umix", "lscale", "iclamp", "flip"}
# Parameter names, from kwlists Cython keeps for the keyword path.
NAMES = {"add": ["a", "b"], "add3": ["a", "b", "c"], "scale": ["x", "k"], "pick": ["a", "neg"],
         "umix": ["a", "b"], "lscale": ["x", "k"], "iclamp": ["x", "hi"], "flip": ["x", "neg"]}


@pytest.fixture(scope="module", params=["O0", "O2"])
def cymod(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"cython_{request.param}")
    run(["cython3", "-3", PYX, "-o", out / "cymod.c"])
    path = build_extension([out / "cymod.c"], out / "cymod.so", opt=request.param, flags=["-w"])
    module = load_module(path, f"pyunbox_cy_{request.param}.cymod")
    return module, path, records_by_name(path)


def test_expected_cores(cymod):
    _, _, records = cymod
    assert set(records) == EXPECTED
    assert all(r["errors"] == "none" and not r["needs_interpreter"] for r in records.values())
    for name, names in NAMES.items():
        assert records[name]["param_names"] == names, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_core_equals_wrapper(cymod, name):
    module, path, records = cymod
    record = records[name]
    core, wrapper = core_function(path, record), getattr(module, name)
    params = record["param_types"]

    def check(*args):
        problem = mismatch(core, wrapper, record, args)
        assert problem is None, f"{name}: {problem}"

    for args in itertools.product(*(edge_values(t) for t in params)):
        check(*args)
    arguments = st.tuples(*(strategy(t) for t in params))
    settings(max_examples=200, deadline=None)(given(arguments)(lambda args: check(*args)))()
