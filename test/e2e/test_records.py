"""(b) pyunbox-dump lists exactly the expected cores, with the expected
prototypes and effects, and the plugin leaves valid IR."""
import re

import pytest

from expected import ALL, BAILS, DEFAULTS, MEMORY, MINED, NAMES, OPTIONAL, PASSING, PYERR, REFUSED
from pyunbox_testkit.build import compile_flags, dump_records, run
from pyunbox_testkit.paths import CLANG, OPT, PLUGIN, SHAPES, require_plugin


def test_every_function_is_classified():
    assert not set(MINED) & set(REFUSED)
    assert set(MINED) | set(REFUSED) == set(ALL)


@pytest.mark.parametrize("name", sorted(MINED))
def test_mined(plugin, name):
    assert name in plugin.records, f"{name}: no core in {plugin.tag}"
    record = plugin.records[name]
    convention, ret, params = MINED[name]
    assert (record["convention"], record["return_type"], tuple(record["param_types"])) == \
        (convention, ret, params)
    symbol = record["core_symbol"]
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", symbol) and name in symbol, symbol
    # A tuple's core returns void (its items through pointers).
    c_ret = "void" if ret == "tuple" else ret
    assert record["c_prototype"].startswith(f"{c_ret} {symbol}("), record["c_prototype"]
    assert record["wrapper_symbol"] == name  # shapes.c names wrappers like the functions
    assert record["param_names"] == NAMES.get(name, [None] * len(params))
    assert record["param_defaults"] == DEFAULTS.get(name, [None] * len(params))
    assert record["param_optional"] == OPTIONAL.get(
        name, [d is not None for d in DEFAULTS.get(name, [None] * len(params))])
    assert record["param_passing"] == PASSING.get(name, [
        "positional-or-keyword" if n else "positional-only"
        for n in NAMES.get(name, [None] * len(params))])
    assert record["module"] == "e2e_shapes"
    # These cores compute on scalars; the raising ones bail where their
    # wrapper raises, or raise themselves with the GIL held.
    assert record["needs_interpreter"] is (name in PYERR)
    assert record["errors"] == ("bail" if name in BAILS else "pyerr" if name in PYERR else "none")


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused(plugin, name):
    assert name not in plugin.records, f"{name} must be refused ({REFUSED[name][1]})"


def test_no_unexpected_records(plugin):
    assert set(plugin.records) <= set(MINED)


def test_core_symbols_unique(plugin):
    symbols = [r["core_symbol"] for r in plugin.records.values()]
    assert len(symbols) == len(set(symbols))


def test_core_symbols_stable_across_opt_levels(build_dir):
    from conftest import get_build
    o0, o2 = (get_build(build_dir, opt, plugin=True) for opt in ("O0", "O2"))
    assert {n: r["core_symbol"] for n, r in o0.records.items()} == \
        {n: r["core_symbol"] for n, r in o2.records.items()}


def test_memory_effects_precise_at_O2(build_dir):
    """The mined shapes are arithmetic, so with the optimizer's inference (-O2)
    the record must say the core touches no memory (errno, which libm sets,
    does not count: docs/FORMAT.md); those that store or raise write, and
    those that read the module's state read."""
    from conftest import get_build
    o2 = get_build(build_dir, "O2", plugin=True)
    assert {n: r["memory"] for n, r in o2.records.items()} == \
        {n: "write" if n in PYERR else MEMORY.get(n, "none") for n in o2.records}


def test_plugin_output_verifies(tmp_path, opt):
    """clang skips the IR verifier in release builds; run it on the plugin's output."""
    require_plugin()
    bc = tmp_path / "shapes.bc"
    run([CLANG, *compile_flags(opt, plugin=True), "-c", "-emit-llvm", SHAPES, "-o", bc])
    run([OPT, "-passes=verify", "-disable-output", bc])


def test_opt_pipeline_mines_the_same(tmp_path):
    """`opt -passes=pyunbox` on bitcode finds the same cores as clang -fpass-plugin."""
    require_plugin()
    bc, mined_bc, so = tmp_path / "in.bc", tmp_path / "mined.bc", tmp_path / "opt.so"
    run([CLANG, *compile_flags("O2", plugin=False), "-Xclang", "-disable-llvm-passes",
         "-c", "-emit-llvm", SHAPES, "-o", bc])
    run([OPT, f"-load-pass-plugin={PLUGIN}", "-passes=pyunbox", bc, "-o", mined_bc])
    run([CLANG, "-O2", "-shared", "-fPIC", mined_bc, "-o", so])
    got = {r["python_name"]: (r["convention"], r["return_type"], tuple(r["param_types"]))
           for r in dump_records(so)}
    assert got == MINED
