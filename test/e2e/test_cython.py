"""Cython-generated wrappers: cymod.pyx (the lit test's input) compiled by
Debian's cython3 and built with the plugin; every core equals its wrapper on
edge values and random values of its C types."""
import ctypes
import itertools
import importlib.util

import pytest
from hypothesis import given, settings, strategies as st

from builds import CLANG, REPO, compile_flags, dump_records, require_plugin, run
from ctypes_kinds import CTYPES, edge_values, strategy
from outcome import outcome, same_outcome

PYX = REPO / "test" / "lit" / "cython" / "Inputs" / "cymod.pyx"
EXPECTED = {"inc", "half", "square", "is_pos", "uns", "add", "flag", "add3", "scale", "pick",
            "umix", "lscale", "iclamp", "flip"}
# Parameter names, from kwlists Cython keeps for the keyword path.
NAMES = {"add": ["a", "b"], "add3": ["a", "b", "c"], "scale": ["x", "k"], "pick": ["a", "neg"],
         "umix": ["a", "b"], "lscale": ["x", "k"], "iclamp": ["x", "hi"], "flip": ["x", "neg"]}


@pytest.fixture(scope="module", params=["O0", "O2"])
def cymod(request, tmp_path_factory):
    require_plugin()
    out = tmp_path_factory.mktemp(f"cython_{request.param}")
    run(["cython3", "-3", PYX, "-o", out / "cymod.c"])
    path = out / "cymod.so"
    run([CLANG, *compile_flags(request.param, True), "-w", "-shared", out / "cymod.c", "-o", path])
    spec = importlib.util.spec_from_file_location(f"pyunbox_cy_{request.param}.cymod", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, path, {r["python_name"]: r for r in dump_records(path)}


def core_of(path, record):
    fn = ctypes.CDLL(str(path))[record["core_symbol"]]
    fn.restype = CTYPES[record["return_type"]]
    fn.argtypes = [CTYPES[t] for t in record["param_types"]]
    return fn


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
    core, wrapper = core_of(path, record), getattr(module, name)
    params = record["param_types"]

    def check(*args):
        want, got = outcome(wrapper, *args), outcome(core, *args)
        assert same_outcome(want, got), f"{name}{args!r}: wrapper {want!r}, core {got!r}"

    for args in itertools.product(*(edge_values(t) for t in params)):
        check(*args)
    arguments = st.tuples(*(strategy(t) for t in params))
    settings(max_examples=200, deadline=None)(given(arguments)(lambda args: check(*args)))()
