"""python -m pyunbox stubgen MODULE writes MODULE.pyi."""
# First: fixtures puts test/support, the package and test/e2e on sys.path.
from fixtures import shapes, shapes_so  # noqa: F401 (fixtures)
import subprocess
import sys

from pyunbox_testkit.paths import PACKAGE_DIR
from pyunbox.stubgen import stub_line
from pyunbox._format import make_record


def test_stubgen_of_shapes(shapes_so, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pyunbox", "stubgen", "e2e_shapes", "-o", str(tmp_path)],
        capture_output=True, text=True,
        env={"PYTHONPATH": f"{PACKAGE_DIR}:{shapes_so.parent}"})
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "e2e_shapes.pyi").read_text()
    lines = text.splitlines()
    for line in ["from typing import Any",
                 "def answer() -> int: ...",
                 "def inc(__a0: int, /) -> int: ...",
                 "def fc_mix(__a0: int, __a1: int, /) -> int: ...",
                 "def va_hypot2(__a0: float, __a1: float, /) -> float: ...",
                 "def va_float(__a0: float, /) -> float: ...",
                 "def truth_not(__a0: object, /) -> bool: ...",
                 "def kw_affine(x: float, scale: float = 2.0, shift: int = 1) -> float: ...",
                 "def fc_opt(__a0: int, __a1: int = 10, /) -> int: ...",
                 "def is_even(__a0: int, /) -> bool: ...",
                 "def check_long(__a0: int, /) -> None: ...",
                 "def pair(__a0: int, __a1: int, /) -> tuple[int, int]: ...",
                 "def __getattr__(name: str) -> Any: ..."]:
        assert line in lines
    compile(text, "e2e_shapes.pyi", "exec")  # valid Python syntax


def test_named_parameters():
    record = make_record(python_name="mix", core_symbol="c", wrapper_symbol="w", module="m",
                         c_prototype="long c(long a, long b)", param_names=["a", "b"],
                         param_kinds=[7, 7], return_kind=7, convention=3, meth_flags=128,
                         effects=0, memory=0, errors=0, core_address=0, wrapper_address=0,
                         version=1)
    assert stub_line(record) == "def mix(a: int, b: int, /) -> int: ..."


def test_keyword_only_parameters():
    """The format allows a parameter passed only by name (KEYWORD without
    POSITIONAL, as pyunbox-dump prints it): it goes after `*`."""
    record = make_record(python_name="kw", core_symbol="c", wrapper_symbol="w", module="m",
                         c_prototype="long c(long, long, long)", param_names=["", "b", "c"],
                         param_kinds=[7, 7, 7], return_kind=7, convention=3, meth_flags=130,
                         effects=0, memory=0, errors=0, core_address=0, wrapper_address=0,
                         version=1, param_flags=[1, 2, 2 | 4 | 8], param_defaults=[0, 0, 5])
    assert stub_line(record) == "def kw(__a0: int, /, *, b: int, c: int = 5) -> int: ..."
    named = make_record(python_name="kw", core_symbol="c", wrapper_symbol="w", module="m",
                        c_prototype="long c(long, long)", param_names=["a", "b"],
                        param_kinds=[7, 7], return_kind=7, convention=3, meth_flags=130,
                        effects=0, memory=0, errors=0, core_address=0, wrapper_address=0,
                        version=1, param_flags=[3, 2], param_defaults=[0, 0])
    line = stub_line(named)
    assert line == "def kw(a: int, *, b: int) -> int: ..."
    compile(line, "kw.pyi", "exec")


def test_stubs_type_check_with_mypy(shapes_so, tmp_path):
    """Every call that runs type-checks against the stub; wrong arities and
    unknown keywords are flagged (Debian's python3-mypy)."""
    proc = subprocess.run(
        [sys.executable, "-m", "pyunbox", "stubgen", "e2e_shapes", "-o", str(tmp_path)],
        capture_output=True, text=True,
        env={"PYTHONPATH": f"{PACKAGE_DIR}:{shapes_so.parent}"})
    assert proc.returncode == 0, proc.stderr
    good = ["kw_affine(1.0)", "kw_affine(1, 3.0)", "kw_affine(1.0, shift=4)",
            "kw_affine(x=1.0, scale=2, shift=3)", "fc_opt(3)", "fc_opt(3, 4)",
            "truth_not([])", "truth_not(None)", "va_hypot2(3, 4.0)", "kw_add(a=1, b=2)",
            "inc(True)", "pair(1, 2)[1].bit_length()"]
    bad = ["kw_affine()", "kw_affine(1.0, 2.0, 3, 4)", "kw_affine(1.0, nosuch=2)",
           "fc_opt()", "fc_opt(1, b=2)", "inc(1, 2)", "va_hypot2('x', 1.0)", "pair(1)",
           "pair(1, 2)[2]"]
    (tmp_path / "good.py").write_text("import e2e_shapes as m\n" +
                                      "".join(f"m.{call}\n" for call in good))
    (tmp_path / "bad.py").write_text("import e2e_shapes as m\n" +
                                     "".join(f"m.{call}\n" for call in bad))
    # Every good call runs.
    ran = subprocess.run([sys.executable, str(tmp_path / "good.py")], capture_output=True,
                         text=True, env={"PYTHONPATH": str(shapes_so.parent)})
    assert ran.returncode == 0, ran.stderr

    def mypy(name):
        return subprocess.run([sys.executable, "-m", "mypy", "--no-incremental",
                               "--cache-dir=/dev/null", str(tmp_path / name)],
                              capture_output=True, text=True, cwd=tmp_path,
                              env={"MYPYPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    ok = mypy("good.py")
    assert ok.returncode == 0, ok.stdout
    flagged = mypy("bad.py")
    lines = {int(line.split(":")[1]) for line in flagged.stdout.splitlines()
             if ": error:" in line}
    assert lines == set(range(2, 2 + len(bad))), flagged.stdout


def test_stubgen_of_a_path_into_a_new_folder(shapes_so, tmp_path):
    out = tmp_path / "not" / "yet"
    proc = subprocess.run([sys.executable, "-m", "pyunbox", "stubgen", str(shapes_so),
                           "-o", str(out)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(PACKAGE_DIR)})
    assert proc.returncode == 0, proc.stderr
    assert "def inc(__a0: int, /) -> int: ..." in (out / "e2e_shapes.pyi").read_text()
    missing = subprocess.run([sys.executable, "-m", "pyunbox", "stubgen", "no_such_module"],
                             capture_output=True, text=True, env={"PYTHONPATH": str(PACKAGE_DIR)})
    assert missing.returncode == 1
    assert missing.stderr.strip() == "pyunbox: stubgen no_such_module: No module named 'no_such_module'"
