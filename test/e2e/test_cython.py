"""Cython-generated wrappers: cymod.pyx, inttypes.pyx and bytesargs.pyx (the
lit tests' inputs) compiled by Debian's cython3 (0.29), by Cython 3.3 (where the
shared tools have it) and by 3.0, 3.1 and 3.2 (where
scripts/cython_versions.sh exported them: pyunbox_testkit.cython) and built
with the plugin;
every function gets a core, every core equals its wrapper on edge values
and random values of its C types, and accelerate()'s keyword calls by the
recorded names take the cores."""
import itertools
import shutil

import pytest
from hypothesis import given, settings, strategies as st

from pyunbox_testkit import cython
import pyunbox
from pyunbox_testkit.build import build_extension, load_module, records_by_name, run
from pyunbox_testkit.cores import core_function, mismatch
from pyunbox_testkit.kinds import edge_values, strategy
from pyunbox_testkit.paths import REPO

INPUTS = REPO / "test" / "lit" / "cython" / "Inputs"
# The functions of each module, all of which get a core.
EXPECTED = {
    "cymod": {"inc", "half", "square", "is_pos", "uns", "add", "flag", "add3", "scale", "pick",
              "umix", "lscale", "iclamp", "flip", "power", "root", "ushift", "midpoint", "triple",
              "floor_divmod", "sum_diff", "ordered", "sign_split", "compare"},
    "inttypes": {"f_uchar", "f_schar", "f_char", "f_i8", "f_u8", "f_short", "f_ushort", "f_i16", "f_u16", "f_i32", "f_u32",
                 "f_i64", "f_u64", "f_ll", "f_ull", "f_ssize", "f_size", "f_float", "f_bint",
                 "f_pid", "f_uid", "f_color", "f_delta",
                 "c_nogil", "c_noexcept", "c_except_q", "c_except_raises"},
    # A `bytes` argument, which Cython reads by hand (PyBytes_AS_STRING ...).
    "bytesargs": {"blen", "bsum", "bseeded", "ccount"},
}
# Functions that raise for some arguments: their cores bail there.
BAILS = {"c_except_raises", "floor_divmod"}
# Cython 3's `x ** y` of doubles returns a complex where the power is not
# real: the cores bail there. 0.29's is C's pow().
BAILS_SINCE_3 = {"power", "root"}
# Parameter names, from the arrays of names Cython hands its keyword parser:
# 0.29's point at variables its string table names, 3.0's at module-state
# fields its table (built on the stack) names, 3.1's at module-state slots
# its import-time code makes from a table of texts, 3.3's at slots it
# decodes from one byte string (both replayed by the pass).
NAMES = {"add": ["a", "b"], "add3": ["a", "b", "c"], "scale": ["x", "k"], "pick": ["a", "neg"],
         "umix": ["a", "b"], "lscale": ["x", "k"], "iclamp": ["x", "hi"], "flip": ["x", "neg"]}
# Where the pass proves no names (a NoParameterNames remark says why), and
# why: keyword calls of these builds miss the cores.
UNNAMED = {}


BUILDS = [(v, o) for v in cython.VERSIONS for o in ("O0", "O2")]
_built = {}


def build(name, version, opt, tmp_path_factory, directives=()):
    """The module built once per compiler, level and directives (`-X
    binding=True`): (module, path, records)."""
    key = (name, version, opt, tuple(directives))
    if key not in _built:
        command = cython.command(version)
        if command is None:
            pytest.skip(cython.missing_reason(version))
        out = tmp_path_factory.mktemp(f"{name}_cython{version}_{opt}")
        options = [option for directive in directives for option in ("-X", directive)]
        run([*command, "-3", *options, INPUTS / f"{name}.pyx", "-o", out / f"{name}.c"])
        tag = f"{version.replace('.', '')}_{opt}{len(_built)}"
        path = build_extension([out / f"{name}.c"], out / f"{name}.so", opt=opt, flags=["-w"])
        module = load_module(path, f"pyunbox_cy_{tag}.{name}")
        _built[key] = module, path, records_by_name(path)
    return _built[key]


@pytest.mark.parametrize("version,opt", BUILDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_cores(name, version, opt, tmp_path_factory):
    _, _, records = build(name, version, opt, tmp_path_factory)
    assert set(records) == EXPECTED[name]
    assert not any(r["needs_interpreter"] for r in records.values())
    # Only a function whose error path runs bails; the others never fail.
    bails = (BAILS | (BAILS_SINCE_3 if version != "0.29" else set())) & EXPECTED[name]
    assert {f for f, r in records.items() if r["errors"] != "none"} == bails
    assert all(records[f]["errors"] == "bail" for f in bails)
    for function, names in NAMES.items() if name == "cymod" else ():
        expected = [None] * len(names) if version in UNNAMED else names
        assert records[function]["param_names"] == expected, function


@pytest.mark.parametrize("version,opt", BUILDS)
@pytest.mark.parametrize("name,function", [(m, f) for m in sorted(EXPECTED) for f in sorted(EXPECTED[m])])
def test_core_equals_wrapper(name, function, version, opt, tmp_path_factory):
    module, path, records = build(name, version, opt, tmp_path_factory)
    record = records[function]
    core, wrapper = core_function(path, record), getattr(module, function)
    params = record["param_kinds"]

    def check(*args):
        problem = mismatch(core, wrapper, record, args)
        assert problem is None, f"{function}: {problem}"

    for args in itertools.product(*(edge_values(k) for k in params)):
        check(*args)
    arguments = st.tuples(*(strategy(k) for k in params))
    settings(max_examples=200, deadline=None)(given(arguments)(lambda args: check(*args)))()


@pytest.mark.parametrize("version", cython.VERSIONS)
def test_keyword_calls_take_the_core(version, tmp_path_factory, tmp_path):
    """accelerate(force=True), CPython running the code PyPy runs: a call
    that passes named parameters by keyword (all of them, or after a
    positional one) takes the core, never calling the original, and gives the
    original's result; a call with a name the record does not know goes to
    the original."""
    if version in UNNAMED:
        pytest.skip(f"no parameter names: {UNNAMED[version]}")
    _, path, _ = build("cymod", version, "O2", tmp_path_factory)
    # A copy (a new dlopen), imported by the name it was compiled with: a
    # Cython function's __module__, by which accelerate() tells its own.
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    module = load_module(copy, "cymod")
    originals = {function: getattr(module, function) for function in NAMES}
    report = pyunbox.accelerate(module, force=True)
    assert set(NAMES) <= set(report.rebound), report
    for function, names in NAMES.items():
        fast, original = getattr(module, function), originals[function]
        slow_calls = []

        def spy(*args, original=original, **kwargs):
            slow_calls.append((args, kwargs))
            return original(*args, **kwargs)

        type(fast).__call__.__globals__["_orig"] = spy  # the fast path's namespace
        everything = {n: 3 for n in names}
        rest = {n: 3 for n in names[1:]}
        assert fast(**everything) == original(**everything), function
        assert fast(3, **rest) == original(3, **rest), function
        assert not slow_calls, f"{function}: {slow_calls} went to the original"
        with pytest.raises(TypeError):
            fast(3, nosuch=1)
        assert slow_calls == [((3,), {"nosuch": 1})], function


@pytest.mark.parametrize("version", cython.VERSIONS)
def test_binding_functions_are_rebound(version, tmp_path_factory, tmp_path):
    """With binding=True (Cython 3's default, an option of 0.29's) every def
    is a cython_function_or_method, whose type 0.29 names without a module
    (`builtins`): accelerate() rebinds every function with a core, and the
    fast functions give the originals' results."""
    _, path, records = build("cymod", version, "O2", tmp_path_factory, ["binding=True"])
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    module = load_module(copy, "cymod")
    originals = {function: getattr(module, function) for function in records}
    report = pyunbox.accelerate(module, force=True)
    assert set(report.rebound) == set(records) == EXPECTED["cymod"], report
    for function in NAMES:
        args = [3] * len(NAMES[function])
        assert getattr(module, function)(*args) == originals[function](*args), function


@pytest.mark.parametrize("version", cython.VERSIONS)
def test_fused_specializations_reported(version, tmp_path_factory, tmp_path):
    """A fused def's specializations get cores, which no module function's
    wrapper is (the module's `twice` is Cython's dispatcher): accelerate()
    rebinds the plain def and names the specializations' cores in the
    report's `unreached`, with the reason; so does a module whose only
    functions are fused (once: 0 rebound, 0 not)."""
    _, path, records = build("fused", version, "O2", tmp_path_factory)
    specializations = {"__pyx_fuse_0twice", "__pyx_fuse_1twice"}
    assert set(records) == specializations | {"plain"}
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    module = load_module(copy, "fused")
    report = pyunbox.accelerate(module, force=True)
    assert set(report.rebound) == {"plain"} and not report.skipped, report
    assert set(report.unreached) == specializations, report
    assert all("fused def" in why for why in report.unreached.values())
    assert "2 cores no module function reaches" in str(report)
    again = pyunbox.accelerate(module, force=True)
    assert not again.unreached and set(again.skipped) == {"plain"}
