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
                 "def truth_not(__a0: bool, /) -> bool: ...",
                 "def is_even(__a0: int, /) -> bool: ...",
                 "def check_long(__a0: int, /) -> None: ...",
                 "def pair(*args: Any, **kwargs: Any) -> Any: ...",
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
