"""core(func) on CPython: the cffi function equals the wrapper on edge values
of its C types; Numba @njit code calls it."""
# First: fixtures puts test/support, the package and test/e2e on sys.path.
from fixtures import shapes, shapes_so  # noqa: F401 (fixtures)
import pytest

import pyunbox
from pyunbox_testkit.cores import by_parameters
from pyunbox_testkit.kinds import c_arguments, edge_values
from expected import BAILS, MINED, REFUSED, PYERR


def test_every_core_equals_its_wrapper(shapes):
    records = {r.python_name: r for r in pyunbox.signatures(shapes)}
    for name, (_, ret, params) in MINED.items():
        if name in PYERR:
            continue  # needs the GIL: pyunbox.core refuses it (see test below)
        fn = pyunbox.core(getattr(shapes, name))
        record = records[name]
        wrapper = by_parameters(getattr(shapes, name), {"param_names": record.param_names,
                                                        "param_passing": record.param_passing})
        columns = [edge_values(k) for k in record.param_kinds]
        rows = list(zip(*[c * (len(max(columns, key=len)) // len(c) + 1) for c in columns])) \
            if params else [()]
        bails = name in BAILS
        for args in rows:
            # The core's C arguments (a string's bytes, and their length).
            c_args = [a for k, v in zip(record.param_kinds, args) for a in c_arguments(k, v)]
            try:
                want = wrapper(*args)
            except Exception:
                # Where the wrapper raises, a bail core sets its flag.
                assert bails, (name, args)
                flag = pyunbox.core_ffi(wrapper).new("int *", 0)
                fn(*c_args, flag)
                assert flag[0] == 1, (name, args)
                continue
            # A tuple's items come through cells, the last C parameters.
            ffi = pyunbox.core_ffi(getattr(shapes, name))
            cells = [ffi.new(f"{t} *") for t in record.result_types]
            if bails:
                flag = ffi.new("int *", 0)
                got = fn(*c_args, flag, *cells)
                assert flag[0] == 0, (name, args)
            else:
                got = fn(*c_args, *cells)
            if ret == "tuple":
                assert got is None
                got = tuple(c[0] for c in cells)
                assert got == want and [type(v) for v in got] == [type(v) for v in want], \
                    (name, args, got, want)
            elif ret == "void":
                assert got is None and want is None
            elif ret in ("double", "float") and want != want:
                assert got != got, (name, args)
            else:
                assert got == want and type(got) is type(want), (name, args, got, want)


def test_core_is_cffi_function_of_the_prototype(shapes):
    fn = pyunbox.core(shapes.fc_mix)
    ffi = pyunbox.core_ffi(shapes.fc_mix)
    assert ffi.typeof(fn).cname == "long(*)(long, long)"
    assert fn(2, 3) == shapes.fc_mix(2, 3) == 65


def test_core_types_are_the_prototypes(shapes):
    """The cores' types, built from the records' kinds without a C parser
    (pyunbox._coretype), are the types cffi parses from their c_prototype."""
    ffi = pyunbox.core_ffi(shapes.inc)
    records = [r for r in pyunbox.signatures(shapes) if not r.needs_interpreter]
    assert len(records) > 40
    for record in records:
        name = record.core_symbol
        pointer = record.c_prototype.replace(f" {name}(", " (*)(", 1)
        assert pointer != record.c_prototype, record.c_prototype
        assert ffi.typeof(pyunbox.core(getattr(shapes, record.python_name))) is \
            ffi.typeof(pointer), record.c_prototype


def test_no_core_for_refused_functions(shapes):
    mined = {r.python_name for r in pyunbox.signatures(shapes)}
    for name in set(REFUSED) - mined:
        with pytest.raises(ValueError, match="no core"):
            pyunbox.core(getattr(shapes, name))


def test_core_of_a_python_function_is_an_error(shapes):
    with pytest.raises(ValueError, match="not a builtin function"):
        pyunbox.core(lambda x: x, module=shapes)


def test_numba_njit_calls_a_core(shapes):
    numba = pytest.importorskip("numba")
    inc, mix, is_even, hypot2 = (pyunbox.core(getattr(shapes, n))
                                 for n in ("inc", "fc_mix", "is_even", "va_hypot2"))

    @numba.njit
    def loop(n):
        s, evens, h = 0, 0, 0.0
        for i in range(n):
            s += mix(inc(i), i)
            evens += is_even(i)
            h += hypot2(i * 0.5, 1.0)
        return s, evens, h

    s, evens, h = loop(1000)
    assert s == sum(shapes.fc_mix(shapes.inc(i), i) for i in range(1000))
    assert evens == sum(shapes.is_even(i) for i in range(1000))
    assert h == sum(shapes.va_hypot2(i * 0.5, 1.0) for i in range(1000))


def _type_methods_outputs(tmp_path, check, in_package=False, package="type_methods"):
    """type_methods.c built for CPython and PyPy (where there is one) as the
    module type_methods, or as the submodule type_methods of a package
    (type_methods.type_methods) that re-exports its types; `check` run by
    each: its outputs."""
    import os
    import subprocess
    from pathlib import Path
    from pyunbox_testkit.build import build_extension, interpreter_paths
    from pyunbox_testkit.paths import CPYTHON, PACKAGE_DIR, PYPY
    source = Path(__file__).with_name("type_methods.c")
    outputs = []
    for python in (CPYTHON, PYPY):
        if python == PYPY and not Path(PYPY).exists():
            continue
        out = tmp_path / python.replace("/", "_")
        where = out / package if in_package else out
        build_extension([source], where / f"type_methods{interpreter_paths(python)[1]}", python)
        if in_package:
            (where / "__init__.py").write_text("from .type_methods import Box, Gauge\n")
        env = {k: v for k, v in os.environ.items() if k.startswith("PYUNBOX_")}
        proc = subprocess.run([python, "-c", check], capture_output=True, text=True,
                              env={**env, "PYTHONPATH": f"{PACKAGE_DIR}:{out}"})
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    return outputs


def test_methods_are_reachable(tmp_path):
    """core() of a type's method, unbound and bound (also through a subclass, and a
    static method), on CPython and PyPy: each reaches the core of its own type,
    not of a method of the same name of another type or of the module."""
    check = ("import pyunbox, type_methods as m; b = m.Box()\n"
             "class Sub(m.Box): pass\n"
             "print(pyunbox.core(m.Box.twice)(21), pyunbox.core(b.twice)(5), "
             "pyunbox.core(Sub().twice)(6), pyunbox.core(m.Gauge.twice)(5), "
             "pyunbox.core(m.Gauge().twice)(6), pyunbox.core(m.twice)(5), "
             "pyunbox.core(m.Box.half)(3.0), pyunbox.core(b.half)(5.0), "
             "[r.core_symbol for f in (m.Box.twice, b.half, m.Gauge().twice, m.thrice) "
             "for r in pyunbox.signatures(f)], "
             "sorted(r.qualified_name for r in pyunbox.signatures(m)))")
    for stdout in _type_methods_outputs(tmp_path, check):
        assert stdout.split("[")[0].split() == \
            ["42", "10", "12", "15", "18", "20", "1.5", "2.5"], stdout
        assert stdout.split("[")[1].strip() == (
            "'pyunbox_core_type_methods_Box_twice', 'pyunbox_core_type_methods_Box_half', "
            "'pyunbox_core_type_methods_Gauge_twice', 'pyunbox_core_type_methods_thrice']"), \
            stdout
        assert stdout.split("[")[2].strip() == (
            "'type_methods.Box.half', 'type_methods.Box.twice', 'type_methods.Gauge.twice', "
            "'type_methods.thrice', 'type_methods.twice']"), stdout


def test_methods_of_a_type_named_for_its_package(tmp_path):
    """A type named for its package ("type_methods.Box", as kiwisolver.Strength
    is) whose C code is the package's extension submodule
    (type_methods.type_methods, as kiwisolver._cext): core() finds the
    submodule's record from the method."""
    check = ("import pyunbox, type_methods as m\n"
             "assert m.Box.__module__ == 'type_methods' and m.__file__.endswith('.py')\n"
             "print(pyunbox.core(m.Box.twice)(21), pyunbox.core(m.Box().half)(5.0), "
             "[r.qualified_name for r in pyunbox.signatures(m.Gauge.twice)])")
    for stdout in _type_methods_outputs(tmp_path, check, in_package=True):
        assert stdout.split() == ["42", "2.5", "['type_methods.Gauge.twice']"], stdout


def test_methods_of_a_module_imported_in_a_package(tmp_path):
    """A type named by its module's own name ("type_methods.Box") where the
    module is imported inside a package (pkg.type_methods, as python-isal's
    isal_zlib._GzipReader in isal.isal_zlib): signatures() and core() find
    its record from the method, and take module= too."""
    check = ("import pyunbox, pkg.type_methods as m\n"
             "assert m.Box.__module__ == 'type_methods' and 'type_methods' not in __import__('sys').modules\n"
             "print(pyunbox.core(m.Box.twice)(21), "
             "[r.qualified_name for r in pyunbox.signatures(m.Gauge.twice)], "
             "[r.qualified_name for r in pyunbox.signatures(m.Box().half, module=m)])")
    for stdout in _type_methods_outputs(tmp_path, check, in_package=True, package="pkg"):
        assert stdout.split() == ["42", "['type_methods.Gauge.twice']", "['type_methods.Box.half']"], \
            stdout
